package io.portero.sessions.control;

import java.util.Locale;

/**
 * How an authenticated request's session is checked ({@code portero.sessions.check}): against this
 * node's view of live sessions, kept true by PostgreSQL notifications ({@code view}), or against
 * the database on every request ({@code database}). The view needs PostgreSQL's {@code LISTEN};
 * without a setting it is used on PostgreSQL and the database elsewhere.
 */
public enum SessionCheck {
    VIEW,
    DATABASE;

    /**
     * The check configured, or the default for the database when {@code configured} is blank.
     *
     * @throws IllegalArgumentException for an unknown value, or {@code view} on a database without
     *     notifications
     */
    public static SessionCheck choose(String configured, boolean postgreSql) {
        String value = configured == null ? "" : configured.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "" -> postgreSql ? VIEW : DATABASE;
            case "database" -> DATABASE;
            case "view" -> {
                if (!postgreSql) {
                    throw new IllegalArgumentException(
                            "portero.sessions.check=view needs PostgreSQL (LISTEN/NOTIFY); use database");
                }
                yield VIEW;
            }
            default ->
                throw new IllegalArgumentException("portero.sessions.check must be view or database: " + configured);
        };
    }
}
