package io.portero.admin.boundary;

import io.portero.accounts.boundary.Accounts;
import io.portero.accounts.boundary.UserView;
import io.portero.accounts.entity.Role;
import io.portero.platform.http.JsonBodies;
import io.portero.platform.paging.PageRequest;
import io.portero.platform.problem.InvalidInputException;
import io.portero.sessions.boundary.CurrentSession;
import io.portero.sessions.boundary.Sessions;
import io.portero.sessions.boundary.SessionsEndedResponse;
import io.portero.sessions.entity.EndReason;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Administrators manage accounts, addressed by username in any letter case. */
@Path("admin/users")
@RequestScoped
@Tag(name = "admin")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Role.ADMIN_GROUP)
@Produces(MediaType.APPLICATION_JSON)
public class AdminUsersResource {

    @Inject
    Accounts accounts;

    @Inject
    Sessions sessions;

    @Inject
    CurrentSession current;

    @Inject
    Event<AdminActed> acted;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "adminCreateUser", summary = "Create a user")
    @APIResponse(
            responseCode = "201",
            description = "Created; Location names the new user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "UserView")))
    @APIResponse(responseCode = "400", description = "validation_failed, malformed_json")
    @APIResponse(responseCode = "409", description = "username_taken (in any letter case)")
    public Response create(@Valid @NotNull CreateUserRequest request, @Context UriInfo uri) {
        Set<Role> roles = request.roles == null ? Set.of(Role.USER) : Roles.parse(request.roles);
        UserView user = accounts.create(request.username, request.password, request.email, roles);
        acted(AdminActed.USER_CREATED, user.username(), Map.of("roles", Roles.names(roles)));
        return Response.created(
                        uri.getAbsolutePathBuilder().path(user.username()).build())
                .entity(user)
                .build();
    }

    @GET
    @Operation(
            operationId = "adminListUsers",
            summary = "Users whose username or email contains q (case-insensitive), paged")
    @APIResponse(
            responseCode = "200",
            description = "One page of users",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "UserPage")))
    @APIResponse(responseCode = "400", description = "validation_failed (page, size, q)")
    public UserPage list(@QueryParam("q") String q, @QueryParam("page") String page, @QueryParam("size") String size) {
        if (q != null && q.length() > 254) {
            throw new InvalidInputException("q", "too_long");
        }
        PageRequest request = PageRequest.of(page, size, null, Map.of("username", "username"), "username,asc");
        return UserPage.of(accounts.search(q, request.page(), request.size()));
    }

    @GET
    @Path("{username}")
    @Operation(operationId = "adminGetUser", summary = "One user")
    @APIResponse(
            responseCode = "200",
            description = "The user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "UserView")))
    @APIResponse(responseCode = "404", description = "user_not_found")
    public UserView get(@PathParam("username") String username) {
        return accounts.get(username);
    }

    @PATCH
    @Path("{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "adminUpdateUser",
            summary = "Change enabled, roles and/or email; disabling ends every session (ACCOUNT_DISABLED)")
    @APIResponse(
            responseCode = "200",
            description = "The user as changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "UserView")))
    @APIResponse(responseCode = "400", description = "validation_failed, malformed_json")
    @APIResponse(responseCode = "404", description = "user_not_found")
    @APIResponse(
            responseCode = "409",
            description = "last_admin (the last enabled administrator cannot be disabled or demoted)")
    public UserView update(@PathParam("username") String username, @NotNull JsonObject patch) {
        Boolean enabled = null;
        if (patch.containsKey("enabled")) {
            JsonValue value = patch.get("enabled");
            if (value == JsonValue.NULL) {
                throw new InvalidInputException("enabled", "required");
            }
            if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
                throw new InvalidInputException("enabled", "invalid_type");
            }
            enabled = value == JsonValue.TRUE;
        }
        Set<Role> roles = null;
        if (patch.containsKey("roles")) {
            JsonValue value = patch.get("roles");
            if (value == JsonValue.NULL) {
                throw new InvalidInputException("roles", "required");
            }
            if (!(value instanceof JsonArray array) || !array.stream().allMatch(JsonString.class::isInstance)) {
                throw new InvalidInputException("roles", "invalid_type");
            }
            roles = Roles.parse(array.getValuesAs(JsonString::getString));
        }
        Optional<String> email = Optional.empty();
        if (patch.containsKey("email")) {
            String value = JsonBodies.string(patch, "email").orElse("");
            if (value.length() > 254 || !(value.isBlank() || value.matches("[^@\\s]+@[^@\\s]+"))) {
                throw new InvalidInputException("email", "invalid_email");
            }
            email = Optional.of(value);
        }
        UserView user = accounts.update(username, enabled, roles, email);
        if (enabled != null) {
            acted(enabled ? AdminActed.USER_ENABLED : AdminActed.USER_DISABLED, user.username(), Map.of());
        }
        if (roles != null) {
            acted(AdminActed.ROLES_CHANGED, user.username(), Map.of("roles", Roles.names(roles)));
        }
        return user;
    }

    @PUT
    @Path("{username}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "adminSetPassword",
            summary = "Set a user's password; every session of the user ends (PASSWORD_CHANGED)")
    @APIResponse(responseCode = "204", description = "Password set")
    @APIResponse(responseCode = "400", description = "validation_failed")
    @APIResponse(responseCode = "404", description = "user_not_found")
    public void setPassword(@PathParam("username") String username, @Valid @NotNull PasswordRequest request) {
        int ended = accounts.setPassword(username, request.password);
        acted(
                AdminActed.PASSWORD_SET,
                accounts.get(username).username(),
                Map.of("sessions_ended", String.valueOf(ended)));
    }

    @POST
    @Path("{username}/sessions/revoke")
    @Operation(operationId = "adminRevokeUserSessions", summary = "End every session of a user (REVOKED_BY_ADMIN)")
    @APIResponse(
            responseCode = "200",
            description = "How many sessions ended",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SessionsEnded")))
    @APIResponse(responseCode = "404", description = "user_not_found")
    public SessionsEndedResponse revokeSessions(@PathParam("username") String username) {
        UserView user = accounts.get(username);
        int ended = sessions.revokeAllOf(user.id(), EndReason.REVOKED_BY_ADMIN, null);
        acted(AdminActed.SESSIONS_REVOKED, user.username(), Map.of("sessions_ended", String.valueOf(ended)));
        return new SessionsEndedResponse(ended);
    }

    private void acted(String action, String target, Map<String, String> details) {
        acted.fire(new AdminActed(current.require().username(), current.id(), action, target, details));
    }
}
