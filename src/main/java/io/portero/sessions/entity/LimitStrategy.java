package io.portero.sessions.entity;

import java.util.Locale;

/** What happens to a login beyond the device limit. */
public enum LimitStrategy {
    /** Refuse the new login (the original application's behaviour). */
    REJECT,
    /** Let the new login in and end the least recently active session. */
    EVICT_OLDEST;

    public static LimitStrategy parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "reject" -> REJECT;
            case "evict-oldest" -> EVICT_OLDEST;
            default ->
                throw new IllegalArgumentException(
                        "portero.sessions.limit-policy must be reject or evict-oldest, not " + value);
        };
    }
}
