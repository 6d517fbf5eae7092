package io.portero.audit.entity;

import io.portero.sessions.entity.EndReason;

/** What an audit event records. The names are stored and published: never rename one. */
public enum AuditType {
    LOGIN,
    LOGIN_ERROR,
    SESSION_LIMIT_REACHED,
    SESSION_EVICTED,
    LOGOUT,
    SESSION_EXPIRED,
    SESSION_REVOKED,
    REFRESH_REUSED,
    PASSWORD_CHANGED,
    PASSWORD_CHANGE_ERROR,
    /** A login (not the account's first) from a device the account had not used before. */
    NEW_DEVICE_LOGIN,
    ADMIN_ACTION;

    /** The type recording a session's end for {@code reason}. */
    public static AuditType ofEnding(EndReason reason) {
        return switch (reason) {
            case LOGOUT -> LOGOUT;
            case IDLE_TIMEOUT, MAX_LIFETIME -> SESSION_EXPIRED;
            case EVICTED -> SESSION_EVICTED;
            case PASSWORD_CHANGED, REVOKED_BY_USER, REVOKED_BY_ADMIN, ACCOUNT_DISABLED -> SESSION_REVOKED;
            case REFRESH_REUSED -> REFRESH_REUSED;
        };
    }

    /** Whether the event records something refused or suspicious rather than something done. */
    public Outcome outcome() {
        return switch (this) {
            case LOGIN_ERROR, SESSION_LIMIT_REACHED, REFRESH_REUSED, PASSWORD_CHANGE_ERROR -> Outcome.FAILURE;
            default -> Outcome.SUCCESS;
        };
    }

    /** The type of an API name, or null for a name that is none. */
    public static AuditType parse(String name) {
        for (AuditType type : values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        return null;
    }
}
