package io.portero.sessions.boundary;

import io.portero.accounts.entity.Role;
import io.portero.sessions.entity.EndReason;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Users see and end their own sessions. */
@Path("sessions")
@RequestScoped
@Tag(name = "sessions")
@SecurityRequirement(name = "bearer")
@RolesAllowed({Role.USER_GROUP, Role.ADMIN_GROUP})
public class MySessionsResource {

    @Inject
    CurrentSession current;

    @Inject
    Sessions sessions;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    // No @APIResponse: Payara describes the answer from the return type (an array of SessionView),
    // which an annotation cannot name; the OpenAPI filter files it under 200.
    @Operation(operationId = "listMySessions", summary = "My live sessions, with the current one flagged")
    public List<SessionView> mine() {
        return sessions.liveOf(current.accountId(), current.id());
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "endMySession", summary = "End one of my sessions (REVOKED_BY_USER)")
    @APIResponse(responseCode = "204", description = "Ended")
    @APIResponse(responseCode = "404", description = "session_not_found: no live session of mine has that id")
    public void end(@PathParam("id") String id) {
        sessions.endOwn(current.accountId(), SessionIds.fromPath(id));
    }

    @POST
    @Path("logout-others")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "logoutOtherSessions",
            summary = "End all my sessions but the current one (REVOKED_BY_USER)")
    @APIResponse(
            responseCode = "200",
            description = "How many sessions ended",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SessionsEnded")))
    public SessionsEndedResponse logoutOthers() {
        return new SessionsEndedResponse(
                sessions.revokeAllOf(current.accountId(), EndReason.REVOKED_BY_USER, current.id()));
    }
}
