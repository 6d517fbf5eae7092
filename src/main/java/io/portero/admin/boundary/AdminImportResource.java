package io.portero.admin.boundary;

import io.portero.accounts.boundary.UserImportReport;
import io.portero.accounts.entity.ExportFormat;
import io.portero.accounts.entity.OnConflict;
import io.portero.accounts.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Administrators import users from Django: the body is what {@code manage.py dumpdata auth.user}
 * writes, as one JSON array ({@code application/json}) or as JSON lines
 * ({@code application/x-ndjson} or {@code application/jsonl}; {@code --format jsonl}), up to
 * {@code portero.import.max-body}.
 */
@Path("admin/users/import")
@RequestScoped
@Tag(name = "admin")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Role.ADMIN_GROUP)
@Produces(MediaType.APPLICATION_JSON)
public class AdminImportResource {

    public static final String NDJSON = "application/x-ndjson";
    public static final String JSONL = "application/jsonl";

    @Inject
    UserImports imports;

    @POST
    @Consumes({MediaType.APPLICATION_JSON, NDJSON, JSONL})
    @Operation(
            operationId = "adminImportUsers",
            summary = "Import users from a Django export (dumpdata auth.user), keeping their password hashes; "
                    + "existing usernames are skipped, or updated with on_conflict=update")
    @RequestBody(
            required = true,
            description = "application/json: the array dumpdata writes; application/x-ndjson or application/jsonl: "
                    + "the same rows, one per line (dumpdata --format jsonl)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            ref = "DjangoUserRow",
                                            description = "one row (the body: an array of them)")))
    @APIResponse(
            responseCode = "200",
            description = "What was imported, and the rows refused with their reasons",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "UserImportReport")))
    @APIResponse(
            responseCode = "400",
            description = "malformed_import (reason, line, column; nothing imported), "
                    + "validation_failed (on_conflict must be skip or update)")
    @APIResponse(responseCode = "413", description = "payload_too_large (portero.import.max-body)")
    @APIResponse(responseCode = "415", description = "unsupported_media_type")
    public UserImportReport importUsers(
            @QueryParam("on_conflict") String onConflict, @Context HttpHeaders headers, InputStream body) {
        OnConflict choice = OnConflict.parse(onConflict);
        return imports.run(body, choice, formatOf(headers.getMediaType()));
    }

    /** The export's format from the body's media type; no media type is not a guess but a 415. */
    static ExportFormat formatOf(MediaType type) {
        if (type == null) {
            throw new NotSupportedException();
        }
        if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return ExportFormat.JSON;
        }
        if (type.isCompatible(MediaType.valueOf(NDJSON)) || type.isCompatible(MediaType.valueOf(JSONL))) {
            return ExportFormat.JSON_LINES;
        }
        throw new NotSupportedException();
    }
}
