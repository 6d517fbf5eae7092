package io.portero.sessions.control;

import java.util.Locale;

/**
 * How a refresh token's rotation commits on PostgreSQL ({@code portero.sessions.refresh-commit},
 * decision 0027). {@code async}, the default, commits without waiting for the write-ahead log to
 * reach the disk: a crash of PostgreSQL itself (not of a Portero node) can lose the rotations of
 * its last fraction of a second, and a token one generation ahead of its session is then taken as
 * the proof of such a lost rotation. {@code sync} waits for the disk (and for synchronous standbys)
 * like every other write.
 */
public enum RefreshCommit {
    ASYNC,
    SYNC;

    public static RefreshCommit parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "async" -> ASYNC;
            case "sync" -> SYNC;
            default ->
                throw new IllegalArgumentException(
                        "portero.sessions.refresh-commit must be async or sync, not " + value);
        };
    }
}
