package io.portero.auth.boundary;

import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of token introspection (RFC 7662 §2.2). An inactive token is told as
 * {@code {"active": false}} and nothing more: absent members are left out here, unlike in the rest
 * of the API, so that nothing about a refused token shows.
 */
@JsonbNillable(false)
@Schema(
        description = "RFC 7662 introspection answer: a live session's access token, or only `active: false`;"
                + " exp and iat in seconds since the epoch, sub the account id, sid the session id")
public record IntrospectionResponse(
        boolean active,
        String sub,
        String username,
        UUID sid,
        List<String> roles,
        Long exp,
        Long iat,
        String iss,
        String tokenType) {

    private static final IntrospectionResponse INACTIVE =
            new IntrospectionResponse(false, null, null, null, null, null, null, null, null);

    public static IntrospectionResponse inactive() {
        return INACTIVE;
    }
}
