package io.portero.sessions.control;

import io.portero.sessions.entity.EndReason;
import io.portero.sessions.entity.SessionEnded;
import java.util.List;
import java.util.UUID;

/**
 * What an end of a session or a change of an account means for a node's view of live sessions.
 * The database notifies on two channels (migration V7): {@value #SESSION_ENDED} with the id of a
 * session that stopped being active, {@value #ACCOUNT_CHANGED} with the id of an account whose
 * roles, enabled flag or name changed.
 */
public final class ViewNotifications {

    public static final String SESSION_ENDED = "portero_session_ended";
    public static final String ACCOUNT_CHANGED = "portero_account_changed";
    public static final List<String> CHANNELS = List.of(SESSION_ENDED, ACCOUNT_CHANGED);

    private ViewNotifications() {}

    /** Applies one notification; one the view cannot read empties it, to be safe. */
    public static void apply(LiveSessionCache view, String channel, String payload) {
        UUID id;
        try {
            id = UUID.fromString(payload == null ? "" : payload.strip());
        } catch (IllegalArgumentException e) {
            view.clear();
            return;
        }
        switch (channel) {
            case SESSION_ENDED -> view.evict(id);
            case ACCOUNT_CHANGED -> view.evictAccount(id);
            default -> view.clear();
        }
    }

    /**
     * Applies an end of sessions made on this node. One session: forgotten. Every session of an
     * account: the account's forgotten. Expiries by the timer need nothing: the view's copy of an
     * expired session is never more recently active than the database's, so the liveness rule
     * already calls it dead in the view. Any other bulk end (an administrator's clean-up, an
     * import's revocations) empties the view.
     */
    public static void forget(LiveSessionCache view, SessionEnded ended) {
        if (ended.sessionId() != null) {
            view.evict(ended.sessionId());
        } else if (ended.accountId() != null) {
            view.evictAccount(ended.accountId());
        } else if (ended.reason() != EndReason.IDLE_TIMEOUT && ended.reason() != EndReason.MAX_LIFETIME) {
            view.clear();
        }
    }
}
