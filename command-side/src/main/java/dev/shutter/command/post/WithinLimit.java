package dev.shutter.command.post;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Collection;

/**
 * The value stays within the configured {@link PostLimits}: a caption or comment is not longer than
 * its limit, a post has at least one photo and no more than the limit. Null values are left to
 * {@code @NotNull}.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = WithinLimit.Validator.class)
@interface WithinLimit {

    Limit value();

    String message() default "is outside the allowed limits";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    enum Limit {
        CAPTION,
        COMMENT,
        MEDIA
    }

    /** Created by Spring's constraint validator factory, which injects the configured limits. */
    class Validator implements ConstraintValidator<WithinLimit, Object> {

        private final PostLimits limits;
        private Limit limit;

        Validator(PostLimits limits) {
            this.limits = limits;
        }

        @Override
        public void initialize(WithinLimit annotation) {
            limit = annotation.value();
        }

        @Override
        public boolean isValid(Object value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String refusal =
                    switch (limit) {
                        case CAPTION -> tooLong(value, limits.captionMaxLength());
                        case COMMENT -> tooLong(value, limits.commentMaxLength());
                        case MEDIA -> wrongCount(value, limits.maxMedia());
                    };
            if (refusal == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(refusal).addConstraintViolation();
            return false;
        }

        private static String tooLong(Object value, int max) {
            String text = String.valueOf(value);
            return text.codePointCount(0, text.length()) > max ? "must be at most " + max + " characters" : null;
        }

        private static String wrongCount(Object value, int max) {
            int size = value instanceof Collection<?> items ? items.size() : 0;
            return size < 1 || size > max ? "must hold 1 to " + max + " items" : null;
        }
    }
}
