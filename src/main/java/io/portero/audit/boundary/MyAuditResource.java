package io.portero.audit.boundary;

import io.portero.accounts.entity.Role;
import io.portero.audit.entity.AuditFilter;
import io.portero.platform.paging.PageRequest;
import io.portero.sessions.boundary.CurrentSession;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A user reads the audit events of their own account. */
@Path("audit")
@RequestScoped
@Tag(name = "audit")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class MyAuditResource {

    @Inject
    AuditEvents events;

    @Inject
    CurrentSession current;

    @GET
    @RolesAllowed({Role.USER_GROUP, Role.ADMIN_GROUP})
    @Operation(operationId = "listMyAuditEvents", summary = "My account's audit events, newest first, paged")
    @APIResponse(
            responseCode = "200",
            description = "One page of events",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AuditEventPage")))
    @APIResponse(responseCode = "400", description = "validation_failed (page, size, sort)")
    public AuditEventPage list(
            @QueryParam("page") String page, @QueryParam("size") String size, @QueryParam("sort") String sort) {
        PageRequest request = PageRequest.of(page, size, sort, AuditEvents.SORTABLE, AuditEvents.DEFAULT_SORT);
        return AuditEventPage.of(events.search(AuditFilter.ofAccount(current.accountId()), request));
    }
}
