package io.portero.sessions.control;

import io.portero.platform.database.NativeValues;
import io.portero.platform.paging.PageRequest;
import io.portero.sessions.entity.AdminSessionView;
import io.portero.sessions.entity.EndReason;
import io.portero.sessions.entity.LivenessRule;
import io.portero.sessions.entity.SessionFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The administrators' view over all sessions: filter by liveness, username and start time, sort
 * and page. "Live" is decided by the same rule as everywhere else (active, not idle, not past its
 * lifetime), so an expired row the timer has not reached yet is not shown as live.
 */
@ApplicationScoped
public class SessionSearch {

    /** API sort field → column. */
    public static final Map<String, String> SORTABLE = Map.of(
            "started_at", "s.started_at",
            "last_activity_at", "s.last_activity_at",
            "ended_at", "s.ended_at",
            "username", "a.username_key");

    private static final String COLUMNS = "SELECT s.id, a.username, s.device_label, s.user_agent, s.ip_address, "
            + "s.started_at, s.last_activity_at, s.ended_at, s.end_reason, s.active, s.new_device ";
    private static final String FROM = "FROM user_session s JOIN account a ON a.id = s.account_id ";

    @PersistenceContext(unitName = "portero")
    EntityManager em;

    public List<AdminSessionView> find(SessionFilter filter, PageRequest page, LivenessRule policy, Instant now) {
        List<Object> parameters = new ArrayList<>();
        String where = where(filter, policy, now, parameters);
        String order = " ORDER BY " + page.sortColumn() + (page.ascending() ? " ASC" : " DESC") + ", s.id";
        Query query = em.createNativeQuery(COLUMNS + FROM + where + order);
        bind(query, parameters);
        query.setFirstResult(page.offset()).setMaxResults(page.size());
        List<AdminSessionView> views = new ArrayList<>();
        for (Object row : query.getResultList()) {
            views.add(view((Object[]) row, policy, now));
        }
        return views;
    }

    public long count(SessionFilter filter, LivenessRule policy, Instant now) {
        List<Object> parameters = new ArrayList<>();
        Query query = em.createNativeQuery("SELECT COUNT(*) " + FROM + where(filter, policy, now, parameters));
        bind(query, parameters);
        return ((Number) query.getSingleResult()).longValue();
    }

    public Optional<AdminSessionView> byId(UUID id, LivenessRule policy, Instant now) {
        Query query = em.createNativeQuery(COLUMNS + FROM + "WHERE s.id = ?1").setParameter(1, id);
        return query.getResultList().stream().findFirst().map(row -> view((Object[]) row, policy, now));
    }

    private static String where(SessionFilter filter, LivenessRule policy, Instant now, List<Object> parameters) {
        List<String> conditions = new ArrayList<>();
        if (filter.live() != null) {
            parameters.add(SessionStore.utc(policy.idleCutoff(now)));
            int idle = parameters.size();
            parameters.add(SessionStore.utc(policy.lifetimeCutoff(now)));
            int lifetime = parameters.size();
            String live =
                    "(s.active = TRUE AND s.last_activity_at > ?" + idle + " AND s.started_at > ?" + lifetime + ")";
            conditions.add(filter.live() ? live : "NOT " + live);
        }
        if (filter.username() != null && !filter.username().isBlank()) {
            parameters.add("%"
                    + filter.username()
                            .trim()
                            .toLowerCase(Locale.ROOT)
                            .replace("\\", "\\\\")
                            .replace("%", "\\%")
                            .replace("_", "\\_")
                    + "%");
            conditions.add("a.username_key LIKE ?" + parameters.size() + " ESCAPE '\\'");
        }
        if (filter.startedAfter() != null) {
            parameters.add(SessionStore.utc(filter.startedAfter()));
            conditions.add("s.started_at >= ?" + parameters.size());
        }
        if (filter.startedBefore() != null) {
            parameters.add(SessionStore.utc(filter.startedBefore()));
            conditions.add("s.started_at < ?" + parameters.size());
        }
        return conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions);
    }

    private static void bind(Query query, List<Object> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
    }

    private static AdminSessionView view(Object[] row, LivenessRule policy, Instant now) {
        Instant startedAt = instant(row[5]);
        Instant lastActivityAt = instant(row[6]);
        boolean active = bool(row[9]);
        boolean live = active
                && lastActivityAt.isAfter(policy.idleCutoff(now))
                && startedAt.isAfter(policy.lifetimeCutoff(now));
        return new AdminSessionView(
                NativeValues.uuid(row[0]),
                (String) row[1],
                (String) row[2],
                (String) row[3],
                (String) row[4],
                startedAt,
                lastActivityAt,
                instant(row[7]),
                row[8] == null ? null : EndReason.valueOf(row[8].toString()),
                live,
                bool(row[10]));
    }

    private static boolean bool(Object value) {
        return Boolean.TRUE.equals(value) || (value instanceof Number n && n.intValue() != 0);
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof ZonedDateTime zdt) {
            return zdt.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
