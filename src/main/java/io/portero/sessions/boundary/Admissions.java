package io.portero.sessions.boundary;

import io.portero.accounts.entity.Role;
import io.portero.sessions.control.LiveSessionCache;
import io.portero.sessions.control.SessionCheck;
import io.portero.sessions.control.SessionSettings;
import io.portero.sessions.entity.AdmittedSession;
import io.portero.sessions.entity.InvalidTokenException;
import io.portero.sessions.entity.LivenessRule;
import io.portero.sessions.entity.TokenClaims;
import io.portero.sessions.entity.TokenOutdatedException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Admits authenticated requests. With {@code portero.sessions.check=view}, a session this node's
 * view holds and the liveness rule keeps live is admitted without the database; activity is
 * written, at most once per interval, in a short transaction of its own. Anything else (a session
 * the view does not hold, one the rule calls dead with the values the view has, an untrusted view,
 * an activity write that found nothing to write) goes to the database exactly as the
 * {@code database} check does for every request, and refreshes the view.
 */
@ApplicationScoped
public class Admissions {

    @Inject
    Sessions sessions;

    @Inject
    SessionSettings settings;

    @Inject
    Clock clock;

    private LiveSessionCache view;

    @PostConstruct
    void create() {
        view = new LiveSessionCache(settings.viewMaxSize(), settings.liveness().idleTimeout());
    }

    /** This node's view of live sessions (trusted only while the check is {@code view} and its listener is up). */
    public LiveSessionCache view() {
        return view;
    }

    public boolean usesView() {
        return settings.sessionCheck() == SessionCheck.VIEW;
    }

    /**
     * The admitted session of a caller in the user or administrator role whose token names a
     * session, or null for any other caller and for any refusal: the shortcuts of decision 0023
     * then leave the request to its resource, which decides again and tells why.
     */
    public AdmittedSession admitCaller(Principal caller, boolean passive) {
        if (!(caller instanceof JsonWebToken token)
                || !(token.getGroups().contains(Role.USER_GROUP)
                        || token.getGroups().contains(Role.ADMIN_GROUP))) {
            return null;
        }
        UUID sessionId = SessionIds.fromToken(token);
        if (sessionId == null) {
            return null;
        }
        try {
            return admit(new TokenClaims(sessionId, token.getSubject(), token.getGroups()), passive);
        } catch (RuntimeException refused) {
            return null;
        }
    }

    /** The live session of an authenticated request; see {@link Sessions#admit} for the rules and errors. */
    public AdmittedSession admit(TokenClaims token, boolean passive) {
        if (!usesView() || !view.isTrusted()) {
            return AdmittedSession.of(sessions.admit(token, passive));
        }
        AdmittedSession cached = view.get(token.sessionId());
        if (cached != null) {
            LivenessRule rule = settings.liveness();
            Instant now = clock.instant();
            if (cached.deadReason(rule, now).isEmpty()) {
                if (!cached.accountId().toString().equals(token.subject())) {
                    throw new InvalidTokenException();
                }
                if (!cached.groups().containsAll(token.groups())) {
                    throw new TokenOutdatedException();
                }
                Instant writeDue = now.minus(rule.activityWriteInterval());
                if (passive || cached.lastActivityAt().isAfter(writeDue)) {
                    return cached;
                }
                long stamp = view.stamp();
                if (sessions.recordActivity(cached.id(), now, writeDue)) {
                    AdmittedSession touched = cached.touchedAt(now);
                    view.put(touched, stamp);
                    return touched;
                }
            }
        }
        long stamp = view.stamp();
        AdmittedSession fresh = AdmittedSession.of(sessions.admit(token, passive));
        view.put(fresh, stamp);
        return fresh;
    }
}
