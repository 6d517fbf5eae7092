package io.portero.admin.boundary;

import java.util.Map;
import java.util.UUID;

/**
 * An administrator changed something: {@code actor} is the administrator's username, {@code action}
 * one of the constants below, {@code target} the username acted on (null for a change across
 * accounts, such as a clean-up), {@code details} a few plain facts (never a password). Fired after
 * the change committed.
 */
public record AdminActed(String actor, UUID actorSessionId, String action, String target, Map<String, String> details) {

    public static final String USER_CREATED = "user_created";
    public static final String USER_ENABLED = "user_enabled";
    public static final String USER_DISABLED = "user_disabled";
    public static final String ROLES_CHANGED = "roles_changed";
    public static final String PASSWORD_SET = "password_set";
    public static final String SESSIONS_REVOKED = "sessions_revoked";
    public static final String SESSION_REVOKED = "session_revoked";
    public static final String SESSIONS_CLEANED_UP = "sessions_cleaned_up";
    /** Users imported from a Django export: one event per import, its counts in the details. */
    public static final String USERS_IMPORTED = "users_imported";

    public AdminActed {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
