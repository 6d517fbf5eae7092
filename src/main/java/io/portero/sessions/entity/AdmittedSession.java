package io.portero.sessions.entity;

import io.portero.accounts.entity.Role;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A live session as an authenticated request was admitted with it: what a request needs to know
 * about its session and account, and what the per-node view of live sessions keeps, immutable.
 * {@code lastActivityAt} is the activity as last written, never later than the database's.
 */
public record AdmittedSession(
        UUID id, UUID accountId, String username, Set<Role> roles, Instant startedAt, Instant lastActivityAt) {

    public AdmittedSession {
        roles = Set.copyOf(roles);
    }

    /** The session as read from the database, with its account. */
    public static AdmittedSession of(UserSession session) {
        return new AdmittedSession(
                session.id(),
                session.account().id(),
                session.account().username(),
                session.account().roles(),
                session.startedAt(),
                session.lastActivityAt());
    }

    /** The role groups the account holds (what a token's {@code groups} may claim). */
    public Set<String> groups() {
        return roles.stream().map(Role::group).collect(Collectors.toUnmodifiableSet());
    }

    /** Why the session is dead at {@code now} by the rule alone, or empty while the rule keeps it live. */
    public Optional<EndReason> deadReason(LivenessRule policy, Instant now) {
        return policy.deadReason(true, null, startedAt, lastActivityAt, now);
    }

    /** The same session with activity recorded at {@code now}. */
    public AdmittedSession touchedAt(Instant now) {
        return now.isAfter(lastActivityAt) ? new AdmittedSession(id, accountId, username, roles, startedAt, now) : this;
    }

    /** When the session goes idle if it sees no more activity. */
    public Instant idleExpiresAt(LivenessRule policy) {
        return lastActivityAt.plus(policy.idleTimeout());
    }

    /** When the session reaches its absolute lifetime, whatever its activity. */
    public Instant expiresAt(LivenessRule policy) {
        return startedAt.plus(policy.maxLifetime());
    }
}
