package io.portero.accounts.entity;

import io.portero.platform.problem.DomainException;
import io.portero.platform.problem.Messages;
import io.portero.platform.problem.Problem;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A new password breaks the password rules; the violations say which. */
public class PasswordRejectedException extends DomainException {

    /** One broken rule: the JSON field and the violation code. */
    public record Broken(String field, String code) {}

    private final List<Broken> broken;

    public PasswordRejectedException(List<Broken> broken) {
        super("validation_failed", 400, "password rejected: " + broken);
        this.broken = List.copyOf(broken);
    }

    public List<Broken> broken() {
        return broken;
    }

    @Override
    public Map<String, Object> extensions(Locale locale) {
        return Problem.violations(broken.stream()
                .map(b -> new Problem.Violation(b.field(), b.code(), Messages.text("violation." + b.code(), locale)))
                .toList());
    }
}
