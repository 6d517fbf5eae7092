package io.portero.auth.boundary;

import io.portero.platform.http.ClientAddresses;
import io.portero.platform.problem.InvalidInputException;
import io.portero.sessions.boundary.Sessions;
import io.portero.sessions.entity.Device;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Logging in and refreshing tokens. */
@Path("token")
@RequestScoped
@RefreshCookieRoute
@Tag(name = "auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    @Inject
    Authentication authentication;

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    Sessions sessions;

    @Inject
    RefreshCookies cookies;

    @Inject
    BusyRefusals busy;

    @Context
    HttpServletRequest http;

    @POST
    @PermitAll
    @Operation(
            operationId = "login",
            summary = "Log in: opens a session on this device and returns its tokens",
            description = "With `refresh_cookie: true` (browsers) the refresh token is not in the answer "
                    + "(`refresh` is null) but in the HttpOnly cookie `portero_refresh`, set for the paths "
                    + "/api/token/refresh and /api/logout")
    @APIResponse(
            responseCode = "200",
            description = "Logged in: access and refresh tokens, session id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "TokenResponse")))
    @APIResponse(responseCode = "400", description = "malformed_json, validation_failed")
    @APIResponse(responseCode = "401", description = "invalid_credentials (unknown user and wrong password alike)")
    @APIResponse(responseCode = "403", description = "account_disabled (only with the right password)")
    @APIResponse(
            responseCode = "409",
            description = "session_limit_reached or end_session_invalid, with the live `sessions`")
    @APIResponse(responseCode = "413", description = "payload_too_large")
    @APIResponse(responseCode = "415", description = "unsupported_media_type")
    @APIResponse(
            responseCode = "429",
            description = "too_many_attempts: too many failed logins for this username from this address, "
                    + "or from this address altogether; Retry-After gives the seconds to wait "
                    + "(the password is not checked meanwhile)")
    @APIResponse(
            responseCode = "503",
            description = "service_busy: password hashing is saturated; answered after portero.passwords.busy-pause "
                    + "(default 1 s), Retry-After gives the seconds to wait")
    public CompletionStage<TokenResponse> login(@Valid @NotNull LoginRequest request) {
        return busy.answer(() -> loginNow(request));
    }

    private TokenResponse loginNow(LoginRequest request) {
        String userAgent = http.getHeader("User-Agent");
        Device device = sessions.device(userAgent, clientAddresses.of(http));
        Authentication.Issued<TokenResponse> issued = authentication.login(request, device);
        if (!Boolean.TRUE.equals(request.refreshCookie)) {
            return issued.tokens();
        }
        cookies.keep(issued.tokens().refresh(), issued.refreshExpiresAt());
        return issued.tokens().withoutRefresh();
    }

    @POST
    @Path("refresh")
    @PermitAll
    @Operation(
            operationId = "refreshToken",
            summary = "Rotate the refresh token and get a new access token (not counted as activity)",
            description = "The token from the body, or with `{}` from the `portero_refresh` cookie (browser mode), "
                    + "which is then rotated (and cleared on a 401)")
    @APIResponse(
            responseCode = "200",
            description = "New access token and refresh token (null when it came from the cookie, which is "
                    + "rotated instead); the old refresh token is retired",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "RefreshResponse")))
    @APIResponse(
            responseCode = "400",
            description = "malformed_json, validation_failed (`refresh` required: neither in the body nor a cookie)")
    @APIResponse(
            responseCode = "401",
            description = "invalid_refresh_token, refresh_token_reused (the session is ended), "
                    + "or the end reason of the session: session_ended, session_expired, session_max_lifetime, session_evicted, "
                    + "session_revoked, password_changed")
    @APIResponse(
            responseCode = "403",
            description = "csrf_check_failed: the cookie on a request without a JSON Content-Type or an "
                    + "X-Portero-Client header")
    @APIResponse(responseCode = "415", description = "unsupported_media_type")
    public RefreshResponse refresh(@Valid @NotNull RefreshRequest request) {
        String fromBody = request.token();
        String token = fromBody != null
                ? fromBody
                : cookies.token().orElseThrow(() -> new InvalidInputException("refresh", "required"));
        Authentication.Issued<RefreshResponse> issued = authentication.refresh(token);
        if (!cookies.presented()) {
            return issued.tokens();
        }
        cookies.keep(issued.tokens().refresh(), issued.refreshExpiresAt());
        return issued.tokens().withoutRefresh();
    }
}
