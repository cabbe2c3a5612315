package dev.shutter.command.user;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

class PasswordDiffersFromUsernameValidator
        implements ConstraintValidator<PasswordDiffersFromUsername, RegistrationRequest> {

    @Override
    public boolean isValid(RegistrationRequest request, ConstraintValidatorContext context) {
        if (request.username() == null
                || request.password() == null
                || !request.password().equalsIgnoreCase(request.username())) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                .addPropertyNode("password")
                .addConstraintViolation();
        return false;
    }
}
