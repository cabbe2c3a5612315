package dev.shutter.command.user;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text people show on a profile (display name, bio): any Unicode up to {@code max} characters counted as code
 * points, so an emoji counts once; no control characters (a bio may hold line breaks) and no unpaired surrogate
 * halves; unless {@code blank} is allowed, at least one visible character. Null values are left to {@code @NotNull}.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ProfileText.Validator.class)
@interface ProfileText {

    int max();

    boolean lineBreaks() default false;

    /** Whether text of nothing but spaces and invisible characters is allowed (an empty bio is). */
    boolean blank() default true;

    String message() default "is not valid profile text";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ProfileText, String> {

        private int max;
        private boolean lineBreaks;
        private boolean blank;

        @Override
        public void initialize(ProfileText annotation) {
            max = annotation.max();
            lineBreaks = annotation.lineBreaks();
            blank = annotation.blank();
        }

        @Override
        public boolean isValid(String text, ConstraintValidatorContext context) {
            if (text == null) {
                return true;
            }
            String refusal = refusal(text);
            if (refusal == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(refusal).addConstraintViolation();
            return false;
        }

        private String refusal(String text) {
            if (text.codePointCount(0, text.length()) > max) {
                return "must be at most " + max + " characters";
            }
            boolean visible = false;
            for (int i = 0; i < text.length(); ) {
                int codePoint = text.codePointAt(i);
                if (Character.getType(codePoint) == Character.SURROGATE) {
                    return "must be valid Unicode text";
                }
                if (Character.getType(codePoint) == Character.CONTROL && !(lineBreaks && isLineBreak(codePoint))) {
                    return lineBreaks
                            ? "must not contain control characters other than line breaks"
                            : "must not contain control characters";
                }
                visible |= isVisible(codePoint);
                i += Character.charCount(codePoint);
            }
            return visible || blank ? null : "must not be blank";
        }

        /** Neither a space of any kind nor an invisible formatting character such as a zero-width space. */
        private static boolean isVisible(int codePoint) {
            return !Character.isWhitespace(codePoint)
                    && !Character.isSpaceChar(codePoint)
                    && Character.getType(codePoint) != Character.FORMAT;
        }

        private static boolean isLineBreak(int codePoint) {
            return codePoint == '\n' || codePoint == '\r';
        }
    }
}
