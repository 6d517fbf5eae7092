package io.portero.platform.problem;

import jakarta.validation.ConstraintViolation;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/** Turns a standard Bean Validation constraint into the stable violation code clients see. */
final class ViolationCodes {

    private ViolationCodes() {}

    static String ofConstraint(ConstraintViolation<?> violation) {
        var descriptor = violation.getConstraintDescriptor();
        String constraint = descriptor.getAnnotation().annotationType().getSimpleName();
        return switch (constraint) {
            case "NotNull", "NotBlank", "NotEmpty" -> "required";
            case "Size" -> sizeCode(violation.getInvalidValue(), descriptor.getAttributes());
            case "Email" -> "invalid_email";
            case "Pattern" -> "invalid_format";
            case "Min", "Max", "Positive", "PositiveOrZero", "Negative", "NegativeOrZero", "DecimalMin", "DecimalMax" ->
                "out_of_range";
            default -> constraint.toLowerCase(Locale.ROOT);
        };
    }

    private static String sizeCode(Object value, Map<String, Object> attributes) {
        int length = value instanceof CharSequence text
                ? text.length()
                : value instanceof Collection<?> collection ? collection.size() : -1;
        if (length == 0) {
            return "required";
        }
        Object min = attributes.get("min");
        if (min instanceof Integer minimum && length >= 0 && length < minimum) {
            return "too_short";
        }
        return "too_long";
    }
}
