package io.portero.sessions.boundary;

import io.portero.accounts.entity.Account;
import io.portero.accounts.entity.Role;
import io.portero.platform.paging.Page;
import io.portero.platform.paging.PageRequest;
import io.portero.sessions.control.DeviceLabels;
import io.portero.sessions.control.DeviceLimited;
import io.portero.sessions.control.RefreshTokenKey;
import io.portero.sessions.control.RefreshTokens;
import io.portero.sessions.control.SessionSearch;
import io.portero.sessions.control.SessionSettings;
import io.portero.sessions.control.SessionStore;
import io.portero.sessions.entity.AdminSessionView;
import io.portero.sessions.entity.Device;
import io.portero.sessions.entity.EndReason;
import io.portero.sessions.entity.InvalidTokenException;
import io.portero.sessions.entity.LivenessRule;
import io.portero.sessions.entity.NewSession;
import io.portero.sessions.entity.RefreshToken;
import io.portero.sessions.entity.SessionEnded;
import io.portero.sessions.entity.SessionFilter;
import io.portero.sessions.entity.SessionNotFoundException;
import io.portero.sessions.entity.SessionNotLiveException;
import io.portero.sessions.entity.TokenClaims;
import io.portero.sessions.entity.TokenOutdatedException;
import io.portero.sessions.entity.UserSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The session facade: opening (under the device limit), checking and recording activity,
 * rotating refresh tokens, ending sessions for every reason, and expiring idle ones. Resources,
 * the expiry timer and other features all go through here; each method is one transaction and
 * fires {@link SessionEnded} for what it ended.
 */
@ApplicationScoped
public class Sessions {

    private static final Logger LOG = Logger.getLogger(Sessions.class.getName());

    @Inject
    SessionStore store;

    @Inject
    SessionSettings settings;

    @Inject
    SessionSearch search;

    @Inject
    DeviceLabels deviceLabels;

    @Inject
    RefreshTokenKey refreshTokens;

    @Inject
    Clock clock;

    @Inject
    Event<SessionEnded> ended;

    /** The fields an administrator's session list may be sorted by: API name to column. */
    public static final Map<String, String> SORTABLE = SessionSearch.SORTABLE;

    public LivenessRule liveness() {
        return settings.liveness();
    }

    /** How long before an idle session ends a page should warn its user ({@code portero.sessions.warning-lead}). */
    public Duration warningLead() {
        return settings.warningLead();
    }

    /** A session just opened, with its first refresh token. */
    public record Opened(UserSession session, String refreshToken) {}

    /**
     * Opens a session and issues its first refresh token, and records the login on the account
     * (whose row the device limit has locked already); the device limit is enforced around this
     * method by an interceptor.
     */
    @DeviceLimited
    @Transactional
    public Opened start(NewSession request) {
        Instant now = clock.instant();
        Account account = store.account(request.accountId());
        UserSession session = new UserSession(account, request.device(), now);
        account.loggedIn(now);
        store.persist(session);
        return new Opened(session, refreshTokens.issue(session.refreshToken()));
    }

    /** What a login tells about its device: the user agent, a readable label for it, the address. */
    public Device device(String userAgent, String ipAddress) {
        return new Device(userAgent, deviceLabels.label(userAgent), ipAddress);
    }

    /**
     * The session of an authenticated request, if it is live; otherwise the reason it is not. The
     * token must be bound to the session's account ({@code sub}), and grant no role the account no
     * longer has ({@code token_outdated}: the client refreshes). Records the request as activity
     * unless it is passive, writing at most once per interval.
     */
    @Transactional(dontRollbackOn = SessionNotLiveException.class)
    public UserSession admit(TokenClaims token, boolean passive) {
        Instant now = clock.instant();
        UUID sessionId = token.sessionId();
        UserSession session = store.findWithAccount(sessionId).orElseThrow(InvalidTokenException::new);
        store.detach(session);
        if (!session.account().id().toString().equals(token.subject())) {
            throw new InvalidTokenException();
        }
        Optional<EndReason> dead = session.deadReason(settings.liveness(), now);
        if (dead.isPresent()) {
            if (session.isActive()) {
                endNow(sessionId, session.account().id(), dead.get());
            }
            throw new SessionNotLiveException(dead.get());
        }
        Set<String> held = session.account().roles().stream().map(Role::group).collect(Collectors.toSet());
        if (!held.containsAll(token.groups())) {
            throw new TokenOutdatedException();
        }
        Instant writeDue = now.minus(settings.liveness().activityWriteInterval());
        if (!passive && !session.lastActivityAt().isAfter(writeDue)) {
            touch(sessionId, now, writeDue);
            session.touch(now);
        }
        return session;
    }

    private void touch(UUID sessionId, Instant now, Instant writeDue) {
        store.touch(sessionId, now, writeDue);
    }

    /**
     * Records activity on an active session in a transaction of its own, unless it was written
     * after {@code writeDue}: the write of a request admitted from this node's view of live
     * sessions. Answers whether the row was written (0: the session ended, or another node wrote
     * its activity meanwhile).
     */
    @Transactional
    public boolean recordActivity(UUID sessionId, Instant now, Instant writeDue) {
        return store.touch(sessionId, now, writeDue) > 0;
    }

    private void endNow(UUID sessionId, UUID accountId, EndReason reason) {
        Instant now = clock.instant();
        if (store.end(sessionId, reason, now) > 0) {
            ended.fire(SessionEnded.one(sessionId, accountId, reason, now));
        }
    }

    /**
     * The outcome of a refresh: what the next access token says (session, account, its name and
     * current roles), when the refresh token stops working (the session's absolute end), and the
     * new refresh token.
     */
    public record Rotation(
            UUID sessionId, UUID accountId, String username, Set<Role> roles, Instant expiresAt, String refreshToken) {}

    /**
     * Rotates a refresh token: the presented one is retired and a new one issued. A retired token
     * presented again means it was copied: the whole session ends ({@code REFRESH_REUSED}).
     * Refreshing is not user activity: a background refresh never keeps an idle session alive.
     *
     * <p>This is the common case, a live session's current token, rotated on PostgreSQL by one
     * statement that commits itself ({@link SessionStore#rotate}, outside any transaction: one round
     * trip). Empty, having changed nothing, in every other case (an opaque pre-0026 token, a forged
     * or retired one, a dead session, a refresh lost to a concurrent one) and always on H2: the
     * caller then calls {@link #refreshTheLongWay}, which decides and answers why.
     *
     * <p>Not {@code @Transactional}: its callers hold no transaction, and Payara's interceptor (even
     * for {@code NOT_SUPPORTED}) cost 5 % of a refresh's server CPU. Called inside one, the rotation
     * joins it and commits synchronously with it ({@link SessionStore#rotate}).
     */
    public Optional<Rotation> rotateIfLive(String refreshToken) {
        Optional<RefreshToken> presented = refreshTokens.read(refreshToken);
        if (presented.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        LivenessRule rule = settings.liveness();
        return store.rotate(presented.get(), rule, now, settings.refreshCommit())
                .map(row -> new Rotation(
                        row.sessionId(),
                        row.accountId(),
                        row.username(),
                        row.roles(),
                        row.startedAt().plus(rule.maxLifetime()),
                        refreshTokens.issue(presented.get().next())));
    }

    /**
     * A refresh for a token that {@link #rotateIfLive} did not rotate: the session row under its
     * lock decides (an unknown or forged token, a retired one, a dead session), and a current token
     * of a live session (on H2, an opaque pre-0026 token, or one whose session a concurrent refresh
     * had locked) is rotated here.
     */
    @Transactional(dontRollbackOn = SessionNotLiveException.class)
    public Rotation refreshTheLongWay(String refreshToken) {
        Instant now = clock.instant();
        boolean opaque = RefreshTokens.isOpaque(refreshToken);
        UserSession session = opaque
                ? currentOfOpaque(refreshToken, now)
                : currentOf(refreshTokens.read(refreshToken).orElseThrow(InvalidRefreshTokenException::new), now);
        LivenessRule rule = settings.liveness();
        Optional<EndReason> dead = session.deadReason(rule, now);
        if (dead.isPresent()) {
            if (session.end(dead.get(), now)) {
                ended.fire(SessionEnded.one(session.id(), session.account().id(), dead.get(), now));
            }
            throw new SessionNotLiveException(dead.get());
        }
        if (opaque) {
            store.retire(RefreshTokens.hash(refreshToken), session.id(), now);
        }
        RefreshToken next = session.rotateRefreshToken();
        Account account = session.account();
        return new Rotation(
                session.id(),
                account.id(),
                account.username(),
                account.roles(),
                session.expiresAt(rule),
                refreshTokens.issue(next));
    }

    /** The locked session whose current refresh token is {@code presented}; reuse ends it. */
    private UserSession currentOf(RefreshToken presented, Instant now) {
        UserSession session = store.findForUpdate(presented.sessionId()).orElseThrow(InvalidRefreshTokenException::new);
        long current = session.refreshToken().generation();
        if (presented.generation() < current) {
            throw reused(session.id(), now);
        }
        if (presented.generation() > current) {
            if (!session.catchUpTo(presented)) {
                throw new InvalidRefreshTokenException();
            }
            LOG.log(
                    Level.WARNING,
                    "Session {0}: a refresh token one generation ahead; the database lost the rotation"
                            + " that issued it (a crash after an asynchronous commit, decision 0027)."
                            + " Taken as current.",
                    session.id());
        }
        return session;
    }

    /** The locked session whose current refresh token is the opaque pre-0026 {@code token}; reuse ends it. */
    private UserSession currentOfOpaque(String token, Instant now) {
        String hash = RefreshTokens.hash(token);
        Optional<UserSession> current = store.findByRefreshHashForUpdate(hash);
        if (current.isEmpty()) {
            throw reused(store.sessionOfRetired(hash).orElseThrow(InvalidRefreshTokenException::new), now);
        }
        return current.get();
    }

    private SessionNotLiveException reused(UUID sessionId, Instant now) {
        if (store.end(sessionId, EndReason.REFRESH_REUSED, now) > 0) {
            ended.fire(SessionEnded.one(sessionId, null, EndReason.REFRESH_REUSED, now));
        }
        return new SessionNotLiveException(EndReason.REFRESH_REUSED);
    }

    /**
     * Logs out the session of a refresh token and/or of an access token; unknown ones are ignored.
     * A refresh token that was already rotated away identifies its session as well as the current
     * one: the holder of either may end it.
     */
    @Transactional
    public void logout(String refreshToken, UUID sessionId) {
        Instant now = clock.instant();
        if (refreshToken != null && !refreshToken.isBlank()) {
            sessionOf(refreshToken).ifPresent(session -> end(session, EndReason.LOGOUT, now));
        }
        if (sessionId != null) {
            store.findForUpdate(sessionId).ifPresent(session -> end(session, EndReason.LOGOUT, now));
        }
    }

    /** The locked session a refresh token belongs to, whether it is its current token or a retired one. */
    private Optional<UserSession> sessionOf(String refreshToken) {
        if (RefreshTokens.isOpaque(refreshToken)) {
            String hash = RefreshTokens.hash(refreshToken);
            return store.findByRefreshHashForUpdate(hash)
                    .or(() -> store.sessionOfRetired(hash).flatMap(store::findForUpdate));
        }
        return refreshTokens
                .read(refreshToken)
                .flatMap(token -> store.findForUpdate(token.sessionId()).filter(session -> session.issued(token)));
    }

    private void end(UserSession session, EndReason reason, Instant now) {
        if (session.end(reason, now)) {
            ended.fire(SessionEnded.one(session.id(), session.account().id(), reason, now));
        }
    }

    /** The account's live sessions, least recently active first. */
    @Transactional
    public List<SessionView> liveOf(UUID accountId, UUID currentSessionId) {
        return store.liveOf(accountId, settings.liveness(), clock.instant()).stream()
                .map(session -> SessionView.from(session, currentSessionId))
                .toList();
    }

    /** Ends one of the account's own sessions; another account's id is "not found". */
    @Transactional
    public void endOwn(UUID accountId, UUID sessionId) {
        UserSession session = store.findForUpdate(sessionId)
                .filter(s -> s.account().id().equals(accountId))
                .filter(s -> s.isLiveAt(settings.liveness(), clock.instant()))
                .orElseThrow(SessionNotFoundException::new);
        end(session, EndReason.REVOKED_BY_USER, clock.instant());
    }

    /** Ends every session of an account for a reason, except {@code keep}; answers how many. */
    @Transactional
    public int revokeAllOf(UUID accountId, EndReason reason, UUID keep) {
        Instant now = clock.instant();
        int count = store.endAllOf(accountId, reason, now, keep);
        if (count > 0) {
            ended.fire(SessionEnded.many(accountId, reason, now, count));
        }
        return count;
    }

    /**
     * Ends every session of several accounts for a reason, in set-based statements (an import that
     * changed passwords or disabled accounts); answers how many.
     */
    @Transactional
    public int revokeAllOf(Collection<UUID> accountIds, EndReason reason) {
        Instant now = clock.instant();
        int count = store.endAllOf(accountIds, reason, now);
        if (count > 0) {
            ended.fire(SessionEnded.many(null, reason, now, count));
        }
        return count;
    }

    /** Administrators: every session matching the filter, one page of it. */
    @Transactional
    public Page<AdminSessionView> search(SessionFilter filter, PageRequest page) {
        Instant now = clock.instant();
        return new Page<>(
                search.find(filter, page, settings.liveness(), now),
                page.page(),
                page.size(),
                search.count(filter, settings.liveness(), now));
    }

    @Transactional
    public AdminSessionView adminView(UUID id) {
        return search.byId(id, settings.liveness(), clock.instant()).orElseThrow(SessionNotFoundException::new);
    }

    /** An administrator ends one session (REVOKED_BY_ADMIN); an ended one stays as it was. */
    @Transactional
    public void revokeByAdmin(UUID id) {
        UserSession session = store.findForUpdate(id).orElseThrow(SessionNotFoundException::new);
        end(session, EndReason.REVOKED_BY_ADMIN, clock.instant());
    }

    /**
     * The original's {@code cleanup_inactive_sessions --minutes N}: ends every active session idle
     * for N minutes or more (0: every active session), as REVOKED_BY_ADMIN.
     */
    @Transactional
    public int cleanup(int minutes) {
        Instant now = clock.instant();
        int count = store.endIdleSince(now.minus(Duration.ofMinutes(minutes)), EndReason.REVOKED_BY_ADMIN, now);
        if (count > 0) {
            ended.fire(SessionEnded.many(null, EndReason.REVOKED_BY_ADMIN, now, count));
        }
        return count;
    }

    /**
     * The expiry timer's work, one short transaction per batch: ends at most {@code batch} idle and
     * {@code batch} outlived sessions and answers how many it ended.
     */
    @Transactional
    public int expireStale(int batch) {
        Instant now = clock.instant();
        LivenessRule rule = settings.liveness();
        int outlived = store.expire(EndReason.MAX_LIFETIME, rule.lifetimeCutoff(now), now, batch);
        int idle = store.expire(EndReason.IDLE_TIMEOUT, rule.idleCutoff(now), now, batch);
        if (outlived > 0) {
            ended.fire(SessionEnded.many(null, EndReason.MAX_LIFETIME, now, outlived));
        }
        if (idle > 0) {
            ended.fire(SessionEnded.many(null, EndReason.IDLE_TIMEOUT, now, idle));
        }
        return outlived + idle;
    }

    /** How many sessions are live right now, on every node (one count query). */
    @Transactional
    public long countLive() {
        return store.countLive(settings.liveness(), clock.instant());
    }

    /** Removes up to {@code batch} sessions of history older than the retention period. */
    @Transactional
    public int purgeHistory(int batch) {
        return store.purgeEndedBefore(clock.instant().minus(settings.retention()), batch);
    }
}
