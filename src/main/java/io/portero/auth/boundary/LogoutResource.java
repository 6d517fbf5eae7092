package io.portero.auth.boundary;

import io.portero.sessions.boundary.AllowEndedSession;
import io.portero.sessions.boundary.SessionIds;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Logging out: idempotent, with the refresh token, the access token, or both. */
@Path("logout")
@RequestScoped
@RefreshCookieRoute
@Tag(name = "auth")
public class LogoutResource {

    @Inject
    Authentication authentication;

    @Inject
    RefreshCookies cookies;

    @Context
    SecurityContext security;

    @POST
    @PermitAll
    @AllowEndedSession
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Operation(
            operationId = "logout",
            summary =
                    "End the session of the given refresh token ({\"refresh\"} or {\"refresh_token\"}) and/or Bearer access token",
            description = "Without a token in the body, the `portero_refresh` cookie's (browser mode), "
                    + "which is then cleared")
    @APIResponse(
            responseCode = "204",
            description = "Logged out (also when already logged out or the token is unknown)")
    @APIResponse(responseCode = "400", description = "malformed_json, validation_failed")
    @APIResponse(
            responseCode = "403",
            description = "csrf_check_failed: the cookie on a request without a JSON Content-Type or an "
                    + "X-Portero-Client header")
    public void logout(@Valid LogoutRequest request) {
        UUID sessionId = security.getUserPrincipal() instanceof JsonWebToken token ? SessionIds.fromToken(token) : null;
        String refreshToken = request == null ? null : request.token();
        if (refreshToken == null || refreshToken.isBlank()) {
            refreshToken = cookies.token().orElse(null);
            if (cookies.presented()) {
                cookies.clearOnSuccess();
            }
        }
        authentication.logout(refreshToken, sessionId);
    }
}
