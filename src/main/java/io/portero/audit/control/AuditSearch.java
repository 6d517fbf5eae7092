package io.portero.audit.control;

import io.portero.audit.entity.AuditEventView;
import io.portero.audit.entity.AuditFilter;
import io.portero.audit.entity.AuditType;
import io.portero.audit.entity.Outcome;
import io.portero.platform.database.NativeValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Reads audit events, newest first, filtered in SQL; each filter has an index to use. */
@ApplicationScoped
public class AuditSearch {

    @PersistenceContext(unitName = "portero")
    EntityManager em;

    /** One page of the events of a filter, by time (newest first unless {@code ascending}), ties by id. */
    public List<AuditEventView> find(AuditFilter filter, boolean ascending, int offset, int limit) {
        List<Object> parameters = new ArrayList<>();
        String where = where(filter, parameters);
        parameters.add(limit);
        parameters.add(offset);
        Query query = em.createNativeQuery("SELECT id, occurred_at, type, outcome, username, session_id, ip_address, "
                + "user_agent, device_label, details FROM audit_event" + where
                + (ascending ? " ORDER BY occurred_at ASC, id ASC" : " ORDER BY occurred_at DESC, id DESC") + " LIMIT ?"
                + (parameters.size() - 1) + " OFFSET ?"
                + parameters.size());
        bind(query, parameters);
        List<AuditEventView> events = new ArrayList<>();
        for (Object row : query.getResultList()) {
            events.add(view((Object[]) row));
        }
        return events;
    }

    public long count(AuditFilter filter) {
        List<Object> parameters = new ArrayList<>();
        Query query = em.createNativeQuery("SELECT COUNT(*) FROM audit_event" + where(filter, parameters));
        bind(query, parameters);
        return ((Number) query.getSingleResult()).longValue();
    }

    private static String where(AuditFilter filter, List<Object> parameters) {
        List<String> conditions = new ArrayList<>();
        if (filter.accountId() != null) {
            parameters.add(filter.accountId());
            conditions.add("account_id = ?" + parameters.size());
        }
        if (filter.usernameKey() != null) {
            parameters.add(filter.usernameKey());
            conditions.add("username_key = ?" + parameters.size());
        }
        if (filter.type() != null) {
            parameters.add(filter.type().name());
            conditions.add("type = ?" + parameters.size());
        }
        if (filter.from() != null) {
            parameters.add(filter.from().atOffset(ZoneOffset.UTC));
            conditions.add("occurred_at >= ?" + parameters.size());
        }
        if (filter.to() != null) {
            parameters.add(filter.to().atOffset(ZoneOffset.UTC));
            conditions.add("occurred_at < ?" + parameters.size());
        }
        if (filter.ipAddress() != null) {
            parameters.add(filter.ipAddress());
            conditions.add("ip_address = ?" + parameters.size());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static void bind(Query query, List<Object> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
    }

    private static AuditEventView view(Object[] row) {
        return new AuditEventView(
                ((Number) row[0]).longValue(),
                instant(row[1]),
                AuditType.valueOf(row[2].toString()),
                Outcome.valueOf(row[3].toString()),
                (String) row[4],
                NativeValues.uuid(row[5]),
                (String) row[6],
                (String) row[7],
                (String) row[8],
                AuditDetails.fromJson((String) row[9]));
    }

    static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        return OffsetDateTime.parse(value.toString()).toInstant();
    }
}
