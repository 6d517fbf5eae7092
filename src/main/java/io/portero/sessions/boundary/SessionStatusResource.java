package io.portero.sessions.boundary;

import io.portero.accounts.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's session state, and the explicit activity ping. */
@Path("")
@ApplicationScoped // the hottest route: no resource instance per request (decision 0020); state is in CurrentSession
@Tag(name = "sessions")
@SecurityRequirement(name = "bearer")
public class SessionStatusResource {

    @Inject
    CurrentSession current;

    @Inject
    Sessions sessions;

    @Inject
    Clock clock;

    @GET
    @Path("session-status")
    @RolesAllowed({Role.USER_GROUP, Role.ADMIN_GROUP})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "getSessionStatus",
            summary = "Is my session live, and until when? A passive request: it never extends the session")
    @APIResponse(
            responseCode = "200",
            description = "The session is live",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SessionStatus")))
    @APIResponse(
            responseCode = "401",
            description = "session_expired, session_max_lifetime, session_ended, session_evicted, "
                    + "session_revoked, password_changed, refresh_token_reused; invalid_token or not_authenticated")
    public SessionStatus status() {
        var session = current.require();
        return SessionStatus.of(session, sessions.liveness(), sessions.warningLead(), clock.instant());
    }

    @POST
    @Path("session-activity")
    @RolesAllowed({Role.USER_GROUP, Role.ADMIN_GROUP})
    @Operation(
            operationId = "recordActivity",
            summary = "Record that the user is active in the page (resets the idle clock)")
    @APIResponse(
            responseCode = "204",
            description = "Activity recorded (written at most once per activity_write_interval_seconds)")
    @APIResponse(responseCode = "401", description = "The session is not live (see session-status)")
    public void activity() {
        current.require();
    }
}
