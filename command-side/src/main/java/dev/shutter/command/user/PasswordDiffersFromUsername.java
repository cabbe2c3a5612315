package dev.shutter.command.user;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A password equal to the username (ignoring case) is the first one anybody tries. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PasswordDiffersFromUsernameValidator.class)
@interface PasswordDiffersFromUsername {

    String message() default "must not be the username";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
