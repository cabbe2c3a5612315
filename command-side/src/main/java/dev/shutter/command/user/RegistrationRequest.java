package dev.shutter.command.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@PasswordDiffersFromUsername
record RegistrationRequest(
        @NotNull @Pattern(regexp = USERNAME, message = USERNAME_RULE) String username,
        @NotBlank
                @Size(max = 254)
                @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be an e-mail address")
                String email,
        @NotNull @Size(min = 8, max = 128) String password,
        @NotNull @ProfileText(max = DISPLAY_NAME_MAX, blank = false) String displayName) {

    /** What a username is made of, at sign-up and when it changes. */
    static final String USERNAME = "[A-Za-z0-9._]{1,30}";

    static final String USERNAME_RULE = "must be 1 to 30 letters, digits, '.' or '_'";
    static final int DISPLAY_NAME_MAX = 64;

    NewAccount toNewAccount() {
        return new NewAccount(username, email, password, displayName.strip());
    }
}
