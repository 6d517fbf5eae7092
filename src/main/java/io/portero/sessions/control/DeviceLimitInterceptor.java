package io.portero.sessions.control;

import io.portero.accounts.entity.Account;
import io.portero.accounts.entity.AccountDisabledException;
import io.portero.accounts.entity.InvalidCredentialsException;
import io.portero.sessions.entity.EndReason;
import io.portero.sessions.entity.LiveSessionView;
import io.portero.sessions.entity.NewSession;
import io.portero.sessions.entity.SessionEnded;
import io.portero.sessions.entity.SessionLimitReachedException;
import io.portero.sessions.entity.UserSession;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The device limit. Before a session opens, the account row is locked, so concurrent logins of
 * one account (on any node sharing the database) are counted one after another; the account must
 * still be enabled and have the password that was verified; live sessions are
 * counted at that moment (stale rows never block a login), an {@code end_session} the user chose is
 * ended, and the login is refused or the oldest sessions evicted as the policy says.
 */
@DeviceLimited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class DeviceLimitInterceptor {

    @Inject
    SessionStore store;

    @Inject
    SessionSettings settings;

    @Inject
    Clock clock;

    @Inject
    Event<SessionEnded> ended;

    @AroundInvoke
    Object enforce(InvocationContext invocation) throws Exception {
        NewSession request = (NewSession) invocation.getParameters()[0];
        Instant now = clock.instant();
        Account account = store.lockAccount(request.accountId());
        admitStill(account, request);
        List<UserSession> live = new ArrayList<>(store.liveOf(account.id(), settings.liveness(), now));
        if (request.endSession() != null) {
            Optional<UserSession> chosen = live.stream()
                    .filter(s -> s.id().equals(request.endSession()))
                    .findFirst();
            if (chosen.isEmpty()) {
                List<LiveSessionView> views = views(live);
                throw live.size() >= settings.deviceLimit().maxActive()
                        ? SessionLimitReachedException.limitReached(views)
                        : SessionLimitReachedException.endSessionInvalid(views);
            }
            end(chosen.get(), EndReason.REVOKED_BY_USER, now);
            live.remove(chosen.get());
        }
        DeviceLimit.Decision decision = settings.deviceLimit().decide(live);
        if (decision.rejected()) {
            throw SessionLimitReachedException.limitReached(views(live));
        }
        decision.toEvict().forEach(session -> end(session, EndReason.EVICTED, now));
        return invocation.proceed();
    }

    /** Ends a session; the event reaches its observers only if the login commits. */
    private void end(UserSession session, EndReason reason, Instant now) {
        if (session.end(reason, now)) {
            ended.fire(SessionEnded.one(session.id(), session.account().id(), reason, now));
        }
    }

    /**
     * The login was decided on the account as it was read before hashing; under the lock, the
     * account as it is now must still admit it. A disable or a password change that committed in
     * between refuses the login as it would refuse a fresh one.
     */
    static void admitStill(Account account, NewSession request) {
        if (account == null) {
            throw new InvalidCredentialsException();
        }
        if (!Account.sameInstant(account.passwordChangedAt(), request.verifiedPasswordChangedAt())) {
            throw new InvalidCredentialsException();
        }
        if (!account.isEnabled()) {
            throw new AccountDisabledException();
        }
    }

    private static List<LiveSessionView> views(List<UserSession> live) {
        return live.stream().map(LiveSessionView::from).toList();
    }
}
