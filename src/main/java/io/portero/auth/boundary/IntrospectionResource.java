package io.portero.auth.boundary;

import io.portero.auth.control.IntrospectionClients;
import io.portero.auth.entity.InvalidClientException;
import io.portero.auth.entity.MissingTokenException;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Token introspection (RFC 7662) for backends that ask Portero whether an access token is still
 * good. Open to no one but the configured introspection clients, which authenticate with HTTP Basic;
 * the token comes as the form parameter {@code token} ({@code token_type_hint} is accepted and not
 * needed: only access tokens can be active).
 */
@Path("token/introspect")
@RequestScoped
@Tag(name = "auth")
@SecurityScheme(securitySchemeName = "introspection-client", type = SecuritySchemeType.HTTP, scheme = "basic")
public class IntrospectionResource {

    @Inject
    IntrospectionClients clients;

    @Inject
    Introspection introspection;

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "introspection-client")
    @Operation(
            operationId = "introspectToken",
            summary = "Introspect a token (RFC 7662): active with its claims while its session is live, else only"
                    + " active: false. Not user activity.")
    @APIResponse(
            responseCode = "200",
            description = "The token's state",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "IntrospectionResponse")))
    @APIResponse(responseCode = "400", description = "invalid_request (no token parameter, or more than one)")
    @APIResponse(
            responseCode = "401",
            description = "invalid_client (no, unknown or wrong client credentials), with WWW-Authenticate: Basic")
    @APIResponse(responseCode = "415", description = "unsupported_media_type (not a form)")
    public IntrospectionResponse introspect(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, MultivaluedMap<String, String> form) {
        if (!clients.authenticateBasic(authorization)) {
            throw new InvalidClientException();
        }
        List<String> token = form == null ? null : form.get("token");
        if (token == null || token.size() != 1 || token.get(0).isEmpty()) {
            throw new MissingTokenException();
        }
        return introspection.introspect(token.get(0));
    }
}
