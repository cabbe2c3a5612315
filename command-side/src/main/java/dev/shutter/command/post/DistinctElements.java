package dev.shutter.command.post;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashSet;
import java.util.List;

/** No element of the list occurs twice. */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = DistinctElements.Validator.class)
@interface DistinctElements {

    String message() default "must not contain the same element twice";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<DistinctElements, List<?>> {

        @Override
        public boolean isValid(List<?> values, ConstraintValidatorContext context) {
            return values == null || new HashSet<>(values).size() == values.size();
        }
    }
}
