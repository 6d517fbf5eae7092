package io.portero.auth.boundary;

import io.portero.platform.http.JsonRequest;
import jakarta.validation.constraints.Size;

/** {@code POST /api/logout/}: the refresh token under either name the original frontend used. */
public class LogoutRequest implements JsonRequest {

    @Size(max = 512)
    public String refresh;

    @Size(max = 512)
    public String refreshToken;

    public String token() {
        return refresh != null && !refresh.isBlank() ? refresh : refreshToken;
    }
}
