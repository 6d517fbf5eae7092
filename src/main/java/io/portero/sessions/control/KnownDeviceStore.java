package io.portero.sessions.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.UUID;

/**
 * The devices each account has logged in from ({@code known_device}), keyed by
 * {@link DeviceKeys#key}. The same statements run on PostgreSQL and H2. Callers own the transaction.
 */
@ApplicationScoped
public class KnownDeviceStore {

    @PersistenceContext(unitName = "portero")
    EntityManager em;

    /** Whether the account has any known device: none means this is its first login. */
    public boolean hasAny(UUID accountId) {
        return !em.createNativeQuery("SELECT 1 FROM known_device WHERE account_id = ?1")
                .setParameter(1, accountId)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    /**
     * Records a device as seen now: answers true if this call inserted it (the device was new),
     * false if it was known (its {@code last_seen_at} is moved on). Concurrent callers for one new
     * device get true exactly once: the insert of all but one does nothing.
     */
    public boolean see(UUID accountId, String deviceKey, Instant now) {
        int inserted = em.createNativeQuery("INSERT INTO known_device (account_id, device_key, first_seen_at, "
                        + "last_seen_at) VALUES (?1, ?2, ?3, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, accountId)
                .setParameter(2, deviceKey)
                .setParameter(3, SessionStore.utc(now))
                .executeUpdate();
        if (inserted == 0) {
            em.createNativeQuery("UPDATE known_device SET last_seen_at = ?1 "
                            + "WHERE account_id = ?2 AND device_key = ?3 AND last_seen_at < ?1")
                    .setParameter(1, SessionStore.utc(now))
                    .setParameter(2, accountId)
                    .setParameter(3, deviceKey)
                    .executeUpdate();
        }
        return inserted > 0;
    }

    public boolean isKnown(UUID accountId, String deviceKey) {
        return !em.createNativeQuery("SELECT 1 FROM known_device WHERE account_id = ?1 AND device_key = ?2")
                .setParameter(1, accountId)
                .setParameter(2, deviceKey)
                .getResultList()
                .isEmpty();
    }

    /** The same, for the account of a username key (lower-cased, as {@code Account.keyOf} makes it). */
    public boolean isKnownByUsernameKey(String usernameKey, String deviceKey) {
        return !em.createNativeQuery("SELECT 1 FROM known_device d JOIN account a ON a.id = d.account_id "
                        + "WHERE a.username_key = ?1 AND d.device_key = ?2")
                .setParameter(1, usernameKey)
                .setParameter(2, deviceKey)
                .getResultList()
                .isEmpty();
    }

    /** Marks a session of the account as started from a new device. */
    public int markNewDevice(UUID sessionId, UUID accountId) {
        return em.createNativeQuery("UPDATE user_session SET new_device = TRUE WHERE id = ?1 AND account_id = ?2")
                .setParameter(1, sessionId)
                .setParameter(2, accountId)
                .executeUpdate();
    }
}
