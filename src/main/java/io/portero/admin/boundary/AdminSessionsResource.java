package io.portero.admin.boundary;

import io.portero.accounts.entity.Role;
import io.portero.platform.paging.PageRequest;
import io.portero.platform.paging.QueryRejectedException;
import io.portero.sessions.boundary.CurrentSession;
import io.portero.sessions.boundary.SessionIds;
import io.portero.sessions.boundary.Sessions;
import io.portero.sessions.boundary.SessionsEndedResponse;
import io.portero.sessions.entity.AdminSessionView;
import io.portero.sessions.entity.SessionFilter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Administrators list, search, filter and end sessions. */
@Path("admin/sessions")
@RequestScoped
@Tag(name = "admin")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Role.ADMIN_GROUP)
@Produces(MediaType.APPLICATION_JSON)
public class AdminSessionsResource {

    @Inject
    Sessions sessions;

    @Inject
    CurrentSession current;

    @Inject
    Event<AdminActed> acted;

    @GET
    @Operation(
            operationId = "adminListSessions",
            summary =
                    "Sessions, filtered (active=true|false, username substring, started_after, started_before), sorted and paged")
    @APIResponse(
            responseCode = "200",
            description = "One page of sessions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AdminSessionPage")))
    @APIResponse(
            responseCode = "400",
            description = "validation_failed (page, size, sort, active, started_after, started_before)")
    @APIResponse(responseCode = "403", description = "forbidden: not an administrator")
    public AdminSessionPage list(
            @QueryParam("active") String active,
            @QueryParam("username") String username,
            @QueryParam("started_after") String startedAfter,
            @QueryParam("started_before") String startedBefore,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @QueryParam("sort") String sort) {
        if (username != null && username.length() > 150) {
            throw new QueryRejectedException("username", "too_long");
        }
        SessionFilter filter = new SessionFilter(
                PageRequest.bool("active", active),
                username,
                PageRequest.instant("started_after", startedAfter),
                PageRequest.instant("started_before", startedBefore));
        return AdminSessionPage.of(
                sessions.search(filter, PageRequest.of(page, size, sort, Sessions.SORTABLE, "started_at,desc")));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "adminGetSession", summary = "One session")
    @APIResponse(
            responseCode = "200",
            description = "The session",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AdminSessionView")))
    @APIResponse(responseCode = "404", description = "session_not_found")
    public AdminSessionView get(@PathParam("id") String id) {
        return sessions.adminView(SessionIds.fromPath(id));
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "adminRevokeSession", summary = "End a session (REVOKED_BY_ADMIN)")
    @APIResponse(responseCode = "204", description = "Ended (or already ended)")
    @APIResponse(responseCode = "404", description = "session_not_found")
    public void revoke(@PathParam("id") String id) {
        UUID session = SessionIds.fromPath(id);
        sessions.revokeByAdmin(session);
        acted(
                AdminActed.SESSION_REVOKED,
                sessions.adminView(session).username(),
                Map.of("session_id", session.toString()));
    }

    @POST
    @Path("cleanup")
    @Operation(
            operationId = "adminCleanupSessions",
            summary = "End every active session idle for `minutes` or more (0 = all, the caller's included)")
    @APIResponse(
            responseCode = "200",
            description = "How many sessions ended",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SessionsEnded")))
    @APIResponse(responseCode = "400", description = "validation_failed (minutes must be 0..525600)")
    public SessionsEndedResponse cleanup(@QueryParam("minutes") String minutes) {
        int value;
        try {
            value = minutes == null || minutes.isBlank() ? 30 : Integer.parseInt(minutes.trim());
        } catch (NumberFormatException e) {
            throw new QueryRejectedException("minutes", "invalid_query");
        }
        if (value < 0 || value > 525_600) {
            throw new QueryRejectedException("minutes", "out_of_range");
        }
        int ended = sessions.cleanup(value);
        acted(
                AdminActed.SESSIONS_CLEANED_UP,
                null,
                Map.of("minutes", String.valueOf(value), "sessions_ended", String.valueOf(ended)));
        return new SessionsEndedResponse(ended);
    }

    private void acted(String action, String target, Map<String, String> details) {
        acted.fire(new AdminActed(current.require().username(), current.id(), action, target, details));
    }
}
