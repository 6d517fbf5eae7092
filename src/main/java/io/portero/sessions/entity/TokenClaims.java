package io.portero.sessions.entity;

import java.util.Set;
import java.util.UUID;

/**
 * What a verified access token claims: its session ({@code sid}), its account ({@code sub}) and
 * the roles it grants ({@code groups}). A request is admitted only when all three still hold.
 */
public record TokenClaims(UUID sessionId, String subject, Set<String> groups) {

    public TokenClaims {
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }
}
