package io.portero.platform.problem;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One input field (body member or query parameter) that fails a check beyond Bean Validation. */
public class InvalidInputException extends DomainException {

    private final String field;
    private final String violation;

    public InvalidInputException(String field, String violation) {
        super("validation_failed", 400, "invalid " + field + ": " + violation);
        this.field = field;
        this.violation = violation;
    }

    @Override
    public Map<String, Object> extensions(Locale locale) {
        return Problem.violations(List.of(new Problem.Violation(field, violation,
                Messages.text("violation." + violation, locale))));
    }
}
