package io.portero.auth.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;

/**
 * The failures counted for login throttling ({@code login_failure}): one row per failure, inserted
 * and never updated, so failures on any node at the same moment are all counted; counting is an
 * index range scan over the window. Shared by every node through the database.
 */
@ApplicationScoped
public class LoginFailureStore {

    static final int SUBJECT_LENGTH = 200;
    static final int ADDRESS_LENGTH = 45;

    @PersistenceContext(unitName = "portero")
    EntityManager em;

    /** The subject's failures from the address since {@code subjectSince}, and the address's since {@code addressSince}. */
    @Transactional
    public LoginThrottlePolicy.Failures count(
            String subject, String address, Instant subjectSince, Instant addressSince) {
        Object[] row = (Object[]) em.createNativeQuery(
                        "SELECT "
                                + "(SELECT COUNT(*) FROM login_failure WHERE subject = ?1 AND ip_address = ?2 AND failed_at >= ?3), "
                                + "(SELECT MAX(failed_at) FROM login_failure WHERE subject = ?4 AND ip_address = ?5 AND failed_at >= ?6), "
                                + "(SELECT COUNT(*) FROM login_failure WHERE ip_address = ?7 AND failed_at >= ?8 AND counts_for_ip = TRUE), "
                                + "(SELECT MIN(failed_at) FROM login_failure WHERE ip_address = ?9 AND failed_at >= ?10 AND counts_for_ip = TRUE)")
                .setParameter(1, subject(subject))
                .setParameter(2, address(address))
                .setParameter(3, utc(subjectSince))
                .setParameter(4, subject(subject))
                .setParameter(5, address(address))
                .setParameter(6, utc(subjectSince))
                .setParameter(7, address(address))
                .setParameter(8, utc(addressSince))
                .setParameter(9, address(address))
                .setParameter(10, utc(addressSince))
                .getSingleResult();
        return new LoginThrottlePolicy.Failures(
                ((Number) row[0]).longValue(), instant(row[1]), ((Number) row[2]).longValue(), instant(row[3]));
    }

    @Transactional
    public void record(String subject, String address, boolean countsForIp, Instant at) {
        em.createNativeQuery("INSERT INTO login_failure (id, subject, ip_address, failed_at, counts_for_ip) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, subject(subject))
                .setParameter(3, address(address))
                .setParameter(4, utc(at))
                .setParameter(5, countsForIp)
                .executeUpdate();
    }

    /** Forgets the subject's failures from this address (a successful login). */
    @Transactional
    public int clear(String subject, String address) {
        return em.createNativeQuery("DELETE FROM login_failure WHERE subject = ?1 AND ip_address = ?2")
                .setParameter(1, subject(subject))
                .setParameter(2, address(address))
                .executeUpdate();
    }

    /** Deletes at most {@code batch} rows older than {@code before}; returns how many. */
    @Transactional
    public int prune(Instant before, int batch) {
        return em.createNativeQuery("DELETE FROM login_failure WHERE id IN "
                        + "(SELECT id FROM login_failure WHERE failed_at < ?1 LIMIT ?2)")
                .setParameter(1, utc(before))
                .setParameter(2, batch)
                .executeUpdate();
    }

    static String subject(String subject) {
        return subject.length() > SUBJECT_LENGTH ? subject.substring(0, SUBJECT_LENGTH) : subject;
    }

    static String address(String address) {
        if (address == null) {
            return "";
        }
        return address.length() > ADDRESS_LENGTH ? address.substring(0, ADDRESS_LENGTH) : address;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        return OffsetDateTime.parse(value.toString()).toInstant();
    }
}
