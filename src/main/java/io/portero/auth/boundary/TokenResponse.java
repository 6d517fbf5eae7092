package io.portero.auth.boundary;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to a login: an access token, a refresh token (null in the browser mode, where it is in
 * the refresh cookie) and the new session's id.
 */
@Schema(name = "TokenResponse")
public record TokenResponse(String access, String refresh, UUID sessionId, long accessExpiresIn, String tokenType) {

    TokenResponse withoutRefresh() {
        return new TokenResponse(access, null, sessionId, accessExpiresIn, tokenType);
    }
}
