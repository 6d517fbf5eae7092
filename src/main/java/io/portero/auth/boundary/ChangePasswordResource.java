package io.portero.auth.boundary;

import io.portero.accounts.entity.Role;
import io.portero.sessions.boundary.CurrentSession;
import io.portero.sessions.boundary.SessionsEndedResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A user changes their own password, which ends their sessions. */
@Path("change-password")
@RequestScoped
@Tag(name = "auth")
@SecurityRequirement(name = "bearer")
public class ChangePasswordResource {

    @Inject
    Authentication authentication;

    @Inject
    CurrentSession current;

    @POST
    @RolesAllowed({Role.USER_GROUP, Role.ADMIN_GROUP})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "changePassword",
            summary =
                    "Change my password: ends every session (PASSWORD_CHANGED), or all but this one with keep_current_session")
    @APIResponse(
            responseCode = "200",
            description = "How many sessions ended",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SessionsEnded")))
    @APIResponse(
            responseCode = "400",
            description = "invalid_current_password; validation_failed with violations "
                    + "(too_short, too_long, same_as_current, equals_username)")
    public SessionsEndedResponse change(@Valid @NotNull ChangePasswordRequest request) {
        return new SessionsEndedResponse(authentication.changePassword(
                current.accountId(),
                current.id(),
                request.currentPassword,
                request.newPassword,
                Boolean.TRUE.equals(request.keepCurrentSession)));
    }
}
