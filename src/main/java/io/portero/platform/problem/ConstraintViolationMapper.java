package io.portero.platform.problem;

import io.portero.platform.http.OpenApiFilter;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Field checks that failed: 400 {@code validation_failed}, one entry per field under
 * {@code violations}, named as the JSON field is (snake_case).
 */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(ConstraintViolationException e) {
        Locale locale = RequestContext.locale(headers);
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> violation(v, locale))
                .sorted(Comparator.comparing(Problem.Violation::field).thenComparing(Problem.Violation::code))
                .distinct()
                .toList();
        return Problem.response(
                "validation_failed", 400, locale, RequestContext.instance(uriInfo), Problem.violations(violations));
    }

    static Problem.Violation violation(ConstraintViolation<?> violation, Locale locale) {
        String field = fieldOf(violation.getPropertyPath());
        String code = violation.getMessageTemplate();
        if (code.startsWith("{") && code.endsWith("}")) {
            code = ViolationCodes.ofConstraint(violation);
        }
        return new Problem.Violation(field, code, Messages.text("violation." + code, locale));
    }

    /** The JSON name of the last property: {@code login.request.currentPassword} → {@code current_password}. */
    static String fieldOf(Path path) {
        String field = "body";
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                field = snakeCase(node.getName());
            }
        }
        return field;
    }

    static String snakeCase(String name) {
        return OpenApiFilter.snakeCase(name);
    }
}
