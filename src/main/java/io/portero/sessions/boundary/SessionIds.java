package io.portero.sessions.boundary;

import io.portero.sessions.entity.SessionNotFoundException;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Session ids as they arrive: in a path, or in an access token's {@code sid} claim. */
public final class SessionIds {

    private SessionIds() {}

    /** A session id from a path; anything that is not a UUID names no session (404). */
    public static UUID fromPath(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SessionNotFoundException();
        }
    }

    /**
     * The {@code sid} claim, or null when absent or not a UUID. The caller is Portero's own
     * {@code AccessTokenPrincipal}, whose claims are plain values (MP-JWT's mechanism, which gave
     * JSON-P values, no longer runs: decision 0020).
     */
    public static UUID fromToken(JsonWebToken token) {
        Object claim = token.getClaim("sid");
        String value = claim == null ? null : claim.toString();
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
