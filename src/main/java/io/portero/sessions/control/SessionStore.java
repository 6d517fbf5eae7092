package io.portero.sessions.control;

import io.portero.accounts.entity.Account;
import io.portero.accounts.entity.Role;
import io.portero.accounts.entity.RolesConverter;
import io.portero.platform.database.Migrations;
import io.portero.platform.database.NativeValues;
import io.portero.platform.database.PorteroDatabase;
import io.portero.platform.database.StatementCombiner;
import io.portero.sessions.entity.EndReason;
import io.portero.sessions.entity.LivenessRule;
import io.portero.sessions.entity.RefreshToken;
import io.portero.sessions.entity.SessionEnded;
import io.portero.sessions.entity.UserSession;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Sessions in the database. Reads and single-row changes go through JPA; changes to many rows at
 * once (expiry, revocation of every session of an account, clean-up) are single set-based
 * statements. Callers own the transaction.
 */
@ApplicationScoped
public class SessionStore {

    @PersistenceContext(unitName = "portero")
    EntityManager em;

    @Inject
    Event<SessionEnded> ended;

    @Resource(lookup = PorteroDatabase.JNDI_NAME)
    DataSource dataSource;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Whether the database is PostgreSQL (rather than the embedded H2); found out at the first refresh. */
    private volatile Boolean postgreSql;

    /** Locks the account row: every login of one account queues here, on every node. */
    public Account lockAccount(UUID accountId) {
        return em.find(Account.class, accountId, LockModeType.PESSIMISTIC_WRITE);
    }

    public Account account(UUID accountId) {
        return em.find(Account.class, accountId);
    }

    public void persist(UserSession session) {
        em.persist(session);
    }

    /** A session with its account, in one query: what every authenticated request reads. */
    public Optional<UserSession> findWithAccount(UUID id) {
        return em.createNamedQuery(UserSession.FIND_WITH_ACCOUNT, UserSession.class)
                .setParameter("id", id)
                .getResultStream()
                .findFirst();
    }

    public Optional<UserSession> findForUpdate(UUID id) {
        return Optional.ofNullable(em.find(UserSession.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public List<UserSession> activeOf(UUID accountId) {
        return em.createNamedQuery(UserSession.FIND_ACTIVE_BY_ACCOUNT, UserSession.class)
                .setParameter("accountId", accountId)
                .getResultList();
    }

    /**
     * The live sessions of an account, least recently active first. Active rows that are already
     * past their idle timeout or lifetime are ended on the way, with the matching reason (and
     * {@link SessionEnded} fired for each).
     */
    public List<UserSession> liveOf(UUID accountId, LivenessRule policy, Instant now) {
        List<UserSession> live = new ArrayList<>();
        for (UserSession session : activeOf(accountId)) {
            Optional<EndReason> dead = session.deadReason(policy, now);
            if (dead.isPresent()) {
                if (session.end(dead.get(), now)) {
                    ended.fire(SessionEnded.one(session.id(), accountId, dead.get(), now));
                }
            } else {
                live.add(session);
            }
        }
        return live;
    }

    /** The session whose current refresh token is the opaque (pre-0026) one with this hash, locked. */
    public Optional<UserSession> findByRefreshHashForUpdate(String hash) {
        return em.createNamedQuery(UserSession.FIND_BY_REFRESH_HASH, UserSession.class)
                .setParameter("hash", hash)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst();
    }

    /** What a refresh needs to sign the next access token, as the statement that rotated the token read it. */
    public record Rotated(UUID sessionId, UUID accountId, String username, Set<Role> roles, Instant startedAt) {}

    /**
     * The rotation of one or more refresh tokens in one statement: for each token presented, the
     * session's generation counted up if it is the token's, and the account's name and roles read
     * with it. Only {@code refresh_generation} changes, a column no index covers: PostgreSQL updates
     * the row in place (HOT) and no other row is written (decision 0026). The tokens come as four
     * arrays of equal length: session ids, generations, and the lifetime and idle cut-offs as
     * microseconds since the epoch ({@link #epochMicros}; a {@code setObject} of a date-time had
     * pgjdbc build a calendar per statement, 4 % of a refresh's server CPU; a double holds every
     * whole microsecond until the year 2255). With {@code async}, the select list also switches
     * {@code synchronous_commit} off for the statement's own transaction, and only when a row was
     * rotated (decision 0027).
     */
    static String rotationStatement(boolean async) {
        return "WITH presented (id, generation, lifetime_cutoff, idle_cutoff) AS ("
                + "SELECT * FROM unnest(?::uuid[], ?::bigint[], ?::bigint[], ?::bigint[])), "
                + "rotated AS (UPDATE user_session s SET refresh_generation = s.refresh_generation + 1 "
                + "FROM presented p "
                + "WHERE s.id = p.id AND s.refresh_generation = p.generation AND s.active = TRUE "
                + "AND s.started_at > TIMESTAMPTZ 'epoch' + p.lifetime_cutoff * INTERVAL '1 microsecond' "
                + "AND s.last_activity_at > TIMESTAMPTZ 'epoch' + p.idle_cutoff * INTERVAL '1 microsecond' "
                + "RETURNING s.id, s.account_id, s.started_at) "
                + "SELECT r.id, r.account_id, r.started_at, a.username, a.roles"
                + (async ? ", set_config('synchronous_commit', 'off', true)" : "")
                + " FROM rotated r JOIN account a ON a.id = r.account_id";
    }

    private static final String ROTATE = rotationStatement(false);
    private static final String ROTATE_ASYNC = rotationStatement(true);

    /** The rotation statement for a way of committing. */
    public static String rotation(RefreshCommit commit) {
        return commit == RefreshCommit.ASYNC ? ROTATE_ASYNC : ROTATE;
    }

    /** Refreshes at once in one statement at most (decision 0028). */
    static final int MAX_ROTATIONS_PER_STATEMENT = 64;

    /** One token to rotate, with its session's cut-offs in microseconds since the epoch. */
    record Presented(RefreshToken token, long lifetimeCutoff, long idleCutoff) {}

    /** Concurrent rotations outside a transaction, combined into shared statements (decision 0028). */
    private final Map<RefreshCommit, StatementCombiner<Presented, Optional<Rotated>>> combined = new EnumMap<>(Map.of(
            RefreshCommit.ASYNC,
            new StatementCombiner<>(batch -> rotateAll(batch, ROTATE_ASYNC), MAX_ROTATIONS_PER_STATEMENT),
            RefreshCommit.SYNC,
            new StatementCombiner<>(batch -> rotateAll(batch, ROTATE), MAX_ROTATIONS_PER_STATEMENT)));

    /**
     * Rotates a refresh token, on PostgreSQL: the session named by {@code presented}, if that is its
     * current generation and the session is live at {@code now} by {@code rule}'s cut-offs, moves to
     * the next generation, and the account's name and roles are read with it. Empty when nothing was
     * rotated: an older generation (reuse), a dead or purged session, a session that another refresh
     * rotated first (the row lock makes it wait, then re-checks the generation), or the embedded H2,
     * which has no data-modifying {@code WITH}. The caller then decides the long way.
     *
     * <p>Plain JDBC, not JPA. Called outside a transaction, the rotation goes into a statement that
     * commits itself (one round trip, no {@code BEGIN}/{@code COMMIT}, no unit of work), as
     * {@code commit} says, together with the rotations of concurrent refreshes (decision 0028): a
     * refresh alone runs its own at once. Called inside one, it runs alone and commits with that
     * transaction, synchronously: an asynchronous commit would cover everything else the transaction
     * wrote. A statement is atomic, and nothing happens to a token it does not rotate.
     */
    public Optional<Rotated> rotate(RefreshToken presented, LivenessRule rule, Instant now, RefreshCommit commit) {
        if (!isPostgreSql()) {
            return Optional.empty();
        }
        Presented token =
                new Presented(presented, epochMicros(rule.lifetimeCutoff(now)), epochMicros(rule.idleCutoff(now)));
        if (transactions.getTransactionKey() != null) {
            return rotateAll(List.of(token), ROTATE).get(0);
        }
        return combined.get(commit).submit(token);
    }

    /**
     * Runs one rotation statement for {@code batch}; answers one result per token, in order. A
     * session presented more than once in the batch is rotated for its first token only; its others
     * find nothing rotated and go the long way, as they would behind the first one's row lock.
     */
    private List<Optional<Rotated>> rotateAll(List<Presented> batch, String sql) {
        Map<UUID, Integer> firstOf = new HashMap<>();
        List<Presented> distinct = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            if (firstOf.putIfAbsent(batch.get(i).token().sessionId(), i) == null) {
                distinct.add(batch.get(i));
            }
        }
        UUID[] ids = new UUID[distinct.size()];
        long[] generations = new long[ids.length];
        long[] lifetimeCutoffs = new long[ids.length];
        long[] idleCutoffs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            Presented next = distinct.get(i);
            ids[i] = next.token().sessionId();
            generations[i] = next.token().generation();
            lifetimeCutoffs[i] = next.lifetimeCutoff();
            idleCutoffs[i] = next.idleCutoff();
        }
        Map<UUID, Rotated> rotated = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("uuid", ids));
            statement.setObject(2, generations);
            statement.setObject(3, lifetimeCutoffs);
            statement.setObject(4, idleCutoffs);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    Rotated next = new Rotated(
                            NativeValues.uuid(row.getObject(1)),
                            NativeValues.uuid(row.getObject(2)),
                            row.getString(4),
                            ROLES.convertToEntityAttribute(row.getString(5)),
                            instant(row.getObject(3)));
                    rotated.put(next.sessionId(), next);
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("Cannot rotate a refresh token: " + e.getMessage(), e);
        }
        List<Optional<Rotated>> results = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            UUID session = batch.get(i).token().sessionId();
            results.add(firstOf.get(session) == i ? Optional.ofNullable(rotated.get(session)) : Optional.empty());
        }
        return results;
    }

    private static final RolesConverter ROLES = new RolesConverter();

    /** Microseconds since the epoch, PostgreSQL's resolution; the nanoseconds below it are dropped. */
    static long epochMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        throw new IllegalStateException("not a timestamp: " + value);
    }

    private boolean isPostgreSql() {
        Boolean known = postgreSql;
        if (known == null) {
            try {
                known = "postgresql".equals(Migrations.vendorOf(dataSource));
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot tell which database this is: " + e.getMessage(), e);
            }
            postgreSql = known;
        }
        return known;
    }

    /** The session a rotated-away opaque (pre-0026) refresh token belonged to. */
    public Optional<UUID> sessionOfRetired(String hash) {
        List<?> rows = em.createNativeQuery("SELECT session_id FROM retired_refresh_token WHERE token_hash = ?1")
                .setParameter(1, hash)
                .getResultList();
        return rows.stream().findFirst().map(NativeValues::uuid);
    }

    public void retire(String hash, UUID sessionId, Instant now) {
        em.createNativeQuery(
                        "INSERT INTO retired_refresh_token (token_hash, session_id, retired_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, hash)
                .setParameter(2, sessionId)
                .setParameter(3, utc(now))
                .executeUpdate();
    }

    /** Persists activity unless it was recorded less than an interval ago: at most one write per interval. */
    public int touch(UUID sessionId, Instant now, Instant notAfter) {
        return em.createNativeQuery("UPDATE user_session SET last_activity_at = ?1 "
                        + "WHERE id = ?2 AND active = TRUE AND last_activity_at < ?3")
                .setParameter(1, utc(now))
                .setParameter(2, sessionId)
                .setParameter(3, utc(notAfter))
                .executeUpdate();
    }

    /** Ends one session if it is still active. */
    public int end(UUID sessionId, EndReason reason, Instant now) {
        return em.createNativeQuery("UPDATE user_session SET active = FALSE, ended_at = ?1, end_reason = ?2 "
                        + "WHERE id = ?3 AND active = TRUE")
                .setParameter(1, utc(now))
                .setParameter(2, reason.name())
                .setParameter(3, sessionId)
                .executeUpdate();
    }

    /**
     * How many sessions are live: active and within both cut-offs. One index-only count over the
     * partial indexes on active rows (PostgreSQL).
     */
    public long countLive(LivenessRule policy, Instant now) {
        Number count = (Number) em.createNativeQuery("SELECT COUNT(*) FROM user_session "
                        + "WHERE active = TRUE AND last_activity_at > ?1 AND started_at > ?2")
                .setParameter(1, utc(policy.idleCutoff(now)))
                .setParameter(2, utc(policy.lifetimeCutoff(now)))
                .getSingleResult();
        return count.longValue();
    }

    /** Ends every active session of an account, except {@code keep} when given. */
    public int endAllOf(UUID accountId, EndReason reason, Instant now, UUID keep) {
        String sql = "UPDATE user_session SET active = FALSE, ended_at = ?1, end_reason = ?2 "
                + "WHERE account_id = ?3 AND active = TRUE" + (keep == null ? "" : " AND id <> ?4");
        var query = em.createNativeQuery(sql)
                .setParameter(1, utc(now))
                .setParameter(2, reason.name())
                .setParameter(3, accountId);
        if (keep != null) {
            query.setParameter(4, keep);
        }
        return query.executeUpdate();
    }

    /** The most accounts one statement of {@link #endAllOf(Collection, EndReason, Instant)} names. */
    static final int ACCOUNTS_PER_STATEMENT = 500;

    /**
     * Ends every active session of each of the accounts, in statements naming at most
     * {@value #ACCOUNTS_PER_STATEMENT} accounts each; answers how many sessions ended.
     */
    public int endAllOf(Collection<UUID> accountIds, EndReason reason, Instant now) {
        List<UUID> ids = List.copyOf(accountIds);
        int ended = 0;
        for (int from = 0; from < ids.size(); from += ACCOUNTS_PER_STATEMENT) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + ACCOUNTS_PER_STATEMENT));
            StringBuilder sql = new StringBuilder(
                    "UPDATE user_session SET active = FALSE, ended_at = ?1, end_reason = ?2 WHERE active = TRUE AND account_id IN (");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append('?').append(i + 3);
            }
            var query = em.createNativeQuery(sql.append(')').toString())
                    .setParameter(1, utc(now))
                    .setParameter(2, reason.name());
            for (int i = 0; i < chunk.size(); i++) {
                query.setParameter(i + 3, chunk.get(i));
            }
            ended += query.executeUpdate();
        }
        return ended;
    }

    /**
     * Expires, in one set-based statement of at most {@code batch} rows, active sessions past their
     * lifetime ({@code MAX_LIFETIME}: started at or before the cut-off) or past their idle timeout
     * ({@code IDLE_TIMEOUT}: last active at or before it); answers how many it ended. Idempotent
     * across nodes: the outer {@code active = TRUE} is re-checked on rows another node ended first,
     * so their reason is never overwritten.
     */
    public int expire(EndReason reason, Instant cutoff, Instant now, int batch) {
        String column = switch (reason) {
            case MAX_LIFETIME -> "started_at";
            case IDLE_TIMEOUT -> "last_activity_at";
            default -> throw new IllegalArgumentException("not an expiry: " + reason);
        };
        return em.createNativeQuery("UPDATE user_session SET active = FALSE, ended_at = ?1, end_reason = ?2 "
                        + "WHERE active = TRUE AND id IN (SELECT id FROM user_session WHERE active = TRUE AND "
                        + column + " <= ?3 LIMIT ?4)")
                .setParameter(1, utc(now))
                .setParameter(2, reason.name())
                .setParameter(3, utc(cutoff))
                .setParameter(4, batch)
                .executeUpdate();
    }

    /** Ends every active session idle since {@code idleSince} or earlier (the admin clean-up). */
    public int endIdleSince(Instant idleSince, EndReason reason, Instant now) {
        return em.createNativeQuery("UPDATE user_session SET active = FALSE, ended_at = ?1, end_reason = ?2 "
                        + "WHERE active = TRUE AND last_activity_at <= ?3")
                .setParameter(1, utc(now))
                .setParameter(2, reason.name())
                .setParameter(3, utc(idleSince))
                .executeUpdate();
    }

    /** Deletes up to {@code batch} sessions that ended before the cut-off (their retired tokens go with them). */
    public int purgeEndedBefore(Instant cutoff, int batch) {
        return em.createNativeQuery("DELETE FROM user_session WHERE id IN "
                        + "(SELECT id FROM user_session WHERE active = FALSE AND ended_at < ?1 LIMIT ?2)")
                .setParameter(1, utc(cutoff))
                .setParameter(2, batch)
                .executeUpdate();
    }

    /** Stops tracking a session read only to be checked, so that nothing is written back. */
    public void detach(UserSession session) {
        em.detach(session);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
