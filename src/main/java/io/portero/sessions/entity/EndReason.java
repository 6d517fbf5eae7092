package io.portero.sessions.entity;

/**
 * Why a session ended. Users <em>log out</em>, the system <em>expires</em> sessions, and admins,
 * password changes and account changes <em>revoke</em> them. Each reason decides the problem code
 * the session's device receives on its next request or refresh.
 */
public enum EndReason {
    LOGOUT("session_ended"),
    IDLE_TIMEOUT("session_expired"),
    MAX_LIFETIME("session_max_lifetime"),
    EVICTED("session_evicted"),
    PASSWORD_CHANGED("password_changed"),
    REVOKED_BY_USER("session_revoked"),
    REVOKED_BY_ADMIN("session_revoked"),
    ACCOUNT_DISABLED("session_revoked"),
    REFRESH_REUSED("refresh_token_reused");

    private final String problemCode;

    EndReason(String problemCode) {
        this.problemCode = problemCode;
    }

    /** The stable code a device of a session ended this way gets with its 401. */
    public String problemCode() {
        return problemCode;
    }
}
