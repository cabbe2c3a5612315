package dev.shutter.command.user;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record ProfileRequest(
        @NotNull @ProfileText(max = RegistrationRequest.DISPLAY_NAME_MAX, blank = false) String displayName,
        @ProfileText(max = BIO_MAX, lineBreaks = true) String bio,
        @Size(min = 1, max = 64) String avatarMediaId) {

    static final int BIO_MAX = 150;
}
