package io.portero.auth.boundary;

import io.portero.platform.http.JsonRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST /api/token/}. {@code end_session} names one of the user's live sessions to end in
 * the same step, for a login refused by the device limit. {@code refresh_cookie: true} is the
 * browser mode: the refresh token comes as a cookie, not in the answer ({@link RefreshCookies}).
 * (Request bodies are classes, not records: Payara's OpenAPI scanner fails on constraints of
 * record components.)
 */
public class LoginRequest implements JsonRequest {

    @NotBlank
    @Size(max = 150)
    public String username;

    @NotNull
    @Size(min = 1, max = 1024)
    public String password;

    @Pattern(regexp = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
    @Schema(description = "After a 409 session_limit_reached: the id of one of the listed sessions to end")
    public String endSession;

    @Schema(
            description = "Browser mode: the refresh token comes in the HttpOnly cookie portero_refresh "
                    + "(paths /api/token/refresh and /api/logout), not in the answer")
    public Boolean refreshCookie;
}
