package io.portero.platform.paging;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * No query parameter of the API may carry a control character (NUL, line breaks, the other C0 and
 * C1 controls): such a value is refused with 400 {@code validation_failed} ({@code invalid_query})
 * naming the parameter. Without this rule {@code q=%00} searched for everything (the value is
 * trimmed before use, and {@code trim} removes NUL) and {@code started_after=...Z%00} was read as
 * the instant before the NUL. Runs after authentication and the role check.
 */
@Provider
@Priority(Priorities.USER)
public class ControlCharacterQueryFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        offending(request.getUriInfo().getQueryParameters()).ifPresent(name -> {
            throw new QueryRejectedException(name, "invalid_query");
        });
    }

    /** The name of the first parameter with a control character in its name or a value, if any. */
    static Optional<String> offending(Map<String, List<String>> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (hasControl(parameter.getKey())
                    || parameter.getValue().stream().anyMatch(ControlCharacterQueryFilter::hasControl)) {
                return Optional.of(parameter.getKey());
            }
        }
        return Optional.empty();
    }

    static boolean hasControl(String text) {
        return text != null && text.chars().anyMatch(Character::isISOControl);
    }
}
