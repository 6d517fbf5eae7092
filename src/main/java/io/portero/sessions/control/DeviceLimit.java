package io.portero.sessions.control;

import io.portero.sessions.entity.LimitStrategy;
import io.portero.sessions.entity.UserSession;
import java.util.Comparator;
import java.util.List;

/**
 * Decides a login against the device limit: with fewer live sessions than the maximum it passes;
 * at the limit it is refused ({@link LimitStrategy#REJECT}) or the least recently active sessions
 * make room ({@link LimitStrategy#EVICT_OLDEST}).
 */
public record DeviceLimit(int maxActive, LimitStrategy strategy) {

    public DeviceLimit {
        if (maxActive < 1) {
            throw new IllegalArgumentException("portero.sessions.max-active must be at least 1");
        }
    }

    /** The outcome for one login. */
    public record Decision(boolean rejected, List<UserSession> toEvict) {}

    public Decision decide(List<UserSession> liveSessions) {
        int excess = liveSessions.size() - maxActive + 1;
        if (excess <= 0) {
            return new Decision(false, List.of());
        }
        if (strategy == LimitStrategy.REJECT) {
            return new Decision(true, List.of());
        }
        List<UserSession> oldestFirst = liveSessions.stream()
                .sorted(Comparator.comparing(UserSession::lastActivityAt).thenComparing(UserSession::startedAt))
                .limit(excess)
                .toList();
        return new Decision(false, oldestFirst);
    }
}
