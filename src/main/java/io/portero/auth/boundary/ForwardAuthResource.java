package io.portero.auth.boundary;

import io.portero.accounts.entity.Role;
import io.portero.platform.problem.InvalidInputException;
import io.portero.sessions.boundary.CurrentSession;
import io.portero.sessions.boundary.ForwardedRequest;
import io.portero.sessions.entity.AdmittedSession;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Forward-auth for reverse proxies (nginx {@code auth_request}, Traefik ForwardAuth, Envoy
 * ext_authz): may this bearer token's request pass to the application? The session rules are the
 * ones every Portero route gets from the activity filter; a live session answers 204 with who the
 * user is, for the proxy to pass upstream. Every method is checked alike, OPTIONS included: proxies
 * that forward the original method must not turn a 2xx from JAX-RS's automatic OPTIONS answer into
 * an unauthenticated pass.
 */
@Path("auth/check")
@ApplicationScoped // asked on every proxied request: no instance per request (decision 0020); state is in
// CurrentSession
@Tag(name = "auth")
@SecurityRequirement(name = "bearer")
public class ForwardAuthResource {

    public static final String USER = "X-Portero-User";
    public static final String USER_ID = "X-Portero-User-Id";
    public static final String ROLES = "X-Portero-Roles";
    public static final String SESSION = "X-Portero-Session";

    @Inject
    CurrentSession current;

    @GET
    @ForwardedRequest
    @RolesAllowed({Role.USER_GROUP, Role.ADMIN_GROUP})
    @Operation(
            operationId = "checkSession",
            summary = "Forward-auth: is the session live (and does it hold `role`)? Every HTTP method answers alike. "
                    + "Activity unless passive (X-Portero-Activity, portero.forward-auth.passive-paths)")
    @APIResponse(responseCode = "204", description = "Live: X-Portero-User, -User-Id, -Roles, -Session headers")
    @APIResponse(responseCode = "400", description = "validation_failed (unknown role)")
    @APIResponse(
            responseCode = "401",
            description = "not_authenticated, invalid_token, token_outdated, or the end code")
    @APIResponse(responseCode = "403", description = "forbidden (the account lacks `role`)")
    public Response check(@QueryParam("role") String role) {
        AdmittedSession session = current.require();
        if (role != null && !role.isEmpty()) {
            Role required = Role.ofGroup(role);
            if (required == null) {
                throw new InvalidInputException("role", "unknown_role");
            }
            if (!session.roles().contains(required)) {
                throw new ForbiddenException();
            }
        }
        Response.ResponseBuilder answer = Response.noContent();
        identity(session).forEach(answer::header);
        return answer.build();
    }

    /** The headers a passed check carries, for the proxy to hand upstream; {@link ForwardAuthShortcut} sends the same. */
    static Map<String, String> identity(AdmittedSession session) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(USER, headerValue(session.username()));
        headers.put(USER_ID, session.accountId().toString());
        headers.put(ROLES, session.roles().stream().map(Role::group).sorted().collect(Collectors.joining(",")));
        headers.put(SESSION, session.id().toString());
        return headers;
    }

    // The same check for the methods a proxy may forward; OPTIONS and HEAD too (see the class).

    @HEAD
    @ForwardedRequest
    @RolesAllowed({Role.USER_GROUP, Role.ADMIN_GROUP})
    @Operation(operationId = "checkSessionHead", summary = "Forward-auth as GET, for proxies that forward the method")
    @APIResponse(responseCode = "204", description = "Live: X-Portero-User, -User-Id, -Roles, -Session headers")
    @APIResponse(responseCode = "400", description = "validation_failed (unknown role)")
    @APIResponse(
            responseCode = "401",
            description = "not_authenticated, invalid_token, token_outdated, or the end code")
    @APIResponse(responseCode = "403", description = "forbidden (the account lacks `role`)")
    public Response head(@QueryParam("role") String role) {
        return check(role);
    }

    @OPTIONS
    @ForwardedRequest
    @RolesAllowed({Role.USER_GROUP, Role.ADMIN_GROUP})
    @Operation(
            operationId = "checkSessionOptions",
            summary = "Forward-auth as GET, for proxies that forward the method")
    @APIResponse(responseCode = "204", description = "Live: X-Portero-User, -User-Id, -Roles, -Session headers")
    @APIResponse(responseCode = "400", description = "validation_failed (unknown role)")
    @APIResponse(
            responseCode = "401",
            description = "not_authenticated, invalid_token, token_outdated, or the end code")
    @APIResponse(responseCode = "403", description = "forbidden (the account lacks `role`)")
    public Response options(@QueryParam("role") String role) {
        return check(role);
    }

    @POST
    @ForwardedRequest
    @RolesAllowed({Role.USER_GROUP, Role.ADMIN_GROUP})
    @Operation(operationId = "checkSessionPost", summary = "Forward-auth as GET, for proxies that forward the method")
    @APIResponse(responseCode = "204", description = "Live: X-Portero-User, -User-Id, -Roles, -Session headers")
    @APIResponse(responseCode = "400", description = "validation_failed (unknown role)")
    @APIResponse(
            responseCode = "401",
            description = "not_authenticated, invalid_token, token_outdated, or the end code")
    @APIResponse(responseCode = "403", description = "forbidden (the account lacks `role`)")
    public Response post(@QueryParam("role") String role) {
        return check(role);
    }

    @PUT
    @ForwardedRequest
    @RolesAllowed({Role.USER_GROUP, Role.ADMIN_GROUP})
    @Operation(operationId = "checkSessionPut", summary = "Forward-auth as GET, for proxies that forward the method")
    @APIResponse(responseCode = "204", description = "Live: X-Portero-User, -User-Id, -Roles, -Session headers")
    @APIResponse(responseCode = "400", description = "validation_failed (unknown role)")
    @APIResponse(
            responseCode = "401",
            description = "not_authenticated, invalid_token, token_outdated, or the end code")
    @APIResponse(responseCode = "403", description = "forbidden (the account lacks `role`)")
    public Response put(@QueryParam("role") String role) {
        return check(role);
    }

    @PATCH
    @ForwardedRequest
    @RolesAllowed({Role.USER_GROUP, Role.ADMIN_GROUP})
    @Operation(operationId = "checkSessionPatch", summary = "Forward-auth as GET, for proxies that forward the method")
    @APIResponse(responseCode = "204", description = "Live: X-Portero-User, -User-Id, -Roles, -Session headers")
    @APIResponse(responseCode = "400", description = "validation_failed (unknown role)")
    @APIResponse(
            responseCode = "401",
            description = "not_authenticated, invalid_token, token_outdated, or the end code")
    @APIResponse(responseCode = "403", description = "forbidden (the account lacks `role`)")
    public Response patch(@QueryParam("role") String role) {
        return check(role);
    }

    @DELETE
    @ForwardedRequest
    @RolesAllowed({Role.USER_GROUP, Role.ADMIN_GROUP})
    @Operation(operationId = "checkSessionDelete", summary = "Forward-auth as GET, for proxies that forward the method")
    @APIResponse(responseCode = "204", description = "Live: X-Portero-User, -User-Id, -Roles, -Session headers")
    @APIResponse(responseCode = "400", description = "validation_failed (unknown role)")
    @APIResponse(
            responseCode = "401",
            description = "not_authenticated, invalid_token, token_outdated, or the end code")
    @APIResponse(responseCode = "403", description = "forbidden (the account lacks `role`)")
    public Response delete(@QueryParam("role") String role) {
        return check(role);
    }

    /**
     * A username as a header value: unchanged when it is ASCII (every username character but
     * letters and digits is ASCII, and none is {@code %}), otherwise with each non-ASCII character
     * percent-encoded in UTF-8 (RFC 3986), so the value survives every proxy; decode with a
     * percent-decoder, not a form decoder ({@code +} stays {@code +}).
     */
    static String headerValue(String username) {
        StringBuilder value = new StringBuilder(username.length());
        for (byte b : username.getBytes(StandardCharsets.UTF_8)) {
            if (b >= 0x21 && b < 0x7F) {
                value.append((char) b);
            } else {
                value.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return value.toString();
    }
}
