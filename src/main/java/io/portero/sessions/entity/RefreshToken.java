package io.portero.sessions.entity;

import java.util.UUID;

/**
 * What a refresh token names: its session and its generation. A session's first token is
 * generation 0; each rotation issues the next. Only the current generation refreshes; an older one
 * is a token that was rotated away (decision 0026).
 */
public record RefreshToken(UUID sessionId, long generation) {

    /** The token a rotation issues in place of this one. */
    public RefreshToken next() {
        return new RefreshToken(sessionId, generation + 1);
    }
}
