package io.portero.auth.boundary;

import io.portero.accounts.boundary.Accounts;
import io.portero.accounts.entity.Account;
import io.portero.accounts.entity.Role;
import io.portero.sessions.boundary.CurrentSession;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who the caller is. */
@Path("me")
@RequestScoped
@Tag(name = "auth")
@SecurityRequirement(name = "bearer")
public class MeResource {

    /** The caller's account and session. */
    public record MeView(String username, String email, List<String> roles, UUID sessionId) {}

    @Inject
    CurrentSession current;

    @Inject
    Accounts accounts;

    @GET
    @RolesAllowed({Role.USER_GROUP, Role.ADMIN_GROUP})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getMe", summary = "The caller's username, email, roles and session id")
    @APIResponse(
            responseCode = "200",
            description = "The caller",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "MeView")))
    @APIResponse(
            responseCode = "401",
            description = "not_authenticated, invalid_token, token_outdated, or the end code")
    public MeView me() {
        Account account = accounts.byId(current.accountId());
        return new MeView(
                account.username(),
                account.email(),
                account.roles().stream().map(Role::group).sorted().toList(),
                current.id());
    }
}
