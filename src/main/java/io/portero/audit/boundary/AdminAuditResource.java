package io.portero.audit.boundary;

import com.google.common.net.InetAddresses;
import io.portero.accounts.entity.Account;
import io.portero.accounts.entity.Role;
import io.portero.audit.entity.AuditFilter;
import io.portero.audit.entity.AuditType;
import io.portero.platform.paging.PageRequest;
import io.portero.platform.paging.QueryRejectedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Administrators search every account's audit events. */
@Path("admin/audit")
@RequestScoped
@Tag(name = "admin")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Role.ADMIN_GROUP)
@Produces(MediaType.APPLICATION_JSON)
public class AdminAuditResource {

    @Inject
    AuditEvents events;

    @GET
    @Operation(
            operationId = "adminListAuditEvents",
            summary =
                    "Audit events, filtered (username exact and case-insensitive, type, from <= occurred_at < to, ip), "
                            + "newest first, paged")
    @APIResponse(
            responseCode = "200",
            description = "One page of events",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AuditEventPage")))
    @APIResponse(
            responseCode = "400",
            description = "validation_failed (page, size, sort, username, type, from, to, ip)")
    @APIResponse(responseCode = "403", description = "forbidden: not an administrator")
    public AuditEventPage list(
            @QueryParam("username") String username,
            @QueryParam("type") String type,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("ip") String ip,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @QueryParam("sort") String sort) {
        String usernameKey = null;
        if (username != null && !username.isBlank()) {
            usernameKey = Account.keyOf(username.trim());
            if (usernameKey.length() > Account.MAX_USERNAME_LENGTH) {
                throw new QueryRejectedException("username", "too_long");
            }
        }
        AuditType auditType = null;
        if (type != null && !type.isBlank()) {
            auditType = AuditType.parse(type.trim());
            if (auditType == null) {
                throw new QueryRejectedException("type", "invalid_query");
            }
        }
        Instant fromInstant = PageRequest.instant("from", from);
        Instant toInstant = PageRequest.instant("to", to);
        if (fromInstant != null && toInstant != null && fromInstant.isAfter(toInstant)) {
            throw new QueryRejectedException("to", "out_of_range");
        }
        String address = null;
        if (ip != null && !ip.isBlank()) {
            address = ip.trim();
            if (address.length() > 45 || !InetAddresses.isInetAddress(address)) {
                throw new QueryRejectedException("ip", "invalid_format");
            }
        }
        PageRequest request = PageRequest.of(page, size, sort, AuditEvents.SORTABLE, AuditEvents.DEFAULT_SORT);
        AuditFilter filter = new AuditFilter(null, usernameKey, auditType, fromInstant, toInstant, address);
        return AuditEventPage.of(events.search(filter, request));
    }
}
