package dev.shutter.command.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * bcrypt for passwords of any length. bcrypt reads at most 72 bytes (Spring Security refuses more rather than cut
 * them short), while Shutter accepts passwords up to 128 characters of any script: a password over 72 UTF-8 bytes is
 * hashed with SHA-256 first and its 44-character Base64 digest goes to bcrypt. Shorter passwords are bcrypt's own
 * input, so hashes made before stay valid.
 */
final class PrehashingBcrypt implements PasswordEncoder {

    private static final int BCRYPT_MAX_BYTES = 72;

    private final BCryptPasswordEncoder bcrypt;

    PrehashingBcrypt(int strength) {
        this.bcrypt = new BCryptPasswordEncoder(strength);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return bcrypt.encode(bcryptInput(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return bcrypt.matches(bcryptInput(rawPassword), encodedPassword);
    }

    private static CharSequence bcryptInput(CharSequence rawPassword) {
        byte[] utf8 = rawPassword.toString().getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= BCRYPT_MAX_BYTES) {
            return rawPassword;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(utf8);
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
