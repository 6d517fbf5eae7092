package io.portero.platform.problem;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Input fields (body members or query parameters) that fail a check beyond Bean Validation. */
public class InvalidInputException extends DomainException {

    /** One failed field: its JSON name and the violation code. */
    public record Field(String name, String violation) {}

    private final List<Field> fields;

    public InvalidInputException(String field, String violation) {
        this(List.of(new Field(field, violation)));
    }

    public InvalidInputException(List<Field> fields) {
        super("validation_failed", 400, "invalid input: " + fields);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("no failed field");
        }
        this.fields = List.copyOf(fields);
    }

    public List<Field> fields() {
        return fields;
    }

    @Override
    public Map<String, Object> extensions(Locale locale) {
        return Problem.violations(fields.stream()
                .map(f -> new Problem.Violation(
                        f.name(), f.violation(), Messages.text("violation." + f.violation(), locale)))
                .toList());
    }
}
