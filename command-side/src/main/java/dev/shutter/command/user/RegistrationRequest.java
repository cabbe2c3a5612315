package dev.shutter.command.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@PasswordDiffersFromUsername
record RegistrationRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9._]{1,30}", message = "must be 1 to 30 letters, digits, '.' or '_'")
                String username,
        @NotBlank
                @Size(max = 254)
                @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be an e-mail address")
                String email,
        @NotNull @Size(min = 8, max = 128) String password,
        @NotBlank @Size(max = 64) String displayName) {

    NewAccount toNewAccount() {
        return new NewAccount(username, email, password, displayName.strip());
    }
}
