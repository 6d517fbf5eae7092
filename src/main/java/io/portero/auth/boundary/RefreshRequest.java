package io.portero.auth.boundary;

import io.portero.platform.http.JsonRequest;
import io.portero.platform.problem.InvalidInputException;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/token/refresh/}: the refresh token, or {@code {}} in the browser mode, where it
 * comes from the refresh cookie ({@link RefreshCookies}).
 */
public class RefreshRequest implements JsonRequest {

    @Size(max = 512)
    public String refresh;

    /** The body's token; null when the body has none; a blank one is {@code required}. */
    String token() {
        if (refresh != null && refresh.isBlank()) {
            throw new InvalidInputException("refresh", "required");
        }
        return refresh;
    }
}
