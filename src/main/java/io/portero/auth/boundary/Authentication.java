package io.portero.auth.boundary;

import io.portero.accounts.boundary.Accounts;
import io.portero.accounts.entity.Account;
import io.portero.accounts.entity.AccountDisabledException;
import io.portero.accounts.entity.HashingLane;
import io.portero.accounts.entity.InvalidCredentialsException;
import io.portero.accounts.entity.InvalidCurrentPasswordException;
import io.portero.auth.control.LoginThrottle;
import io.portero.auth.control.TokenIssuer;
import io.portero.auth.entity.TooManyAttemptsException;
import io.portero.platform.problem.DomainException;
import io.portero.sessions.boundary.KnownDevices;
import io.portero.sessions.boundary.Sessions;
import io.portero.sessions.boundary.SessionsEndedResponse;
import io.portero.sessions.entity.Device;
import io.portero.sessions.entity.NewSession;
import io.portero.sessions.entity.SessionLimitReachedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Logins, refreshes and logouts. The password is verified before any lock is taken (hashing is
 * slow); then the session opens under the device limit, where the account is read again under its
 * lock: a disable or a password change that committed while the login was hashing refuses it.
 * Only then are the tokens signed. Before any of this, {@link LoginThrottle} may refuse the attempt
 * (429, no password checked); a wrong password counts as a failure, a login that went through resets
 * the count, and a device-limit refusal (409) does neither.
 *
 * <p>The checks of a login run cheapest-refusal first, so that a flood of junk logins costs little
 * each: while the general hashing lane is full, a login is refused 503 {@code service_busy} after
 * one read (does this username's account know this device?) unless the device is known; otherwise
 * the account is read (one short transaction); a device the account has used before
 * ({@link KnownDevices#hasUsedDevice}, one primary-key read, only for an existing account) puts the password in
 * the priority hashing lane, anything else in the general one; a full lane is refused 503
 * {@code service_busy} at once, before the throttle's query; then the throttle, then the hash.
 */
@ApplicationScoped
public class Authentication {

    @Inject
    Accounts accounts;

    @Inject
    Sessions sessions;

    @Inject
    TokenIssuer tokens;

    @Inject
    LoginThrottle throttle;

    @Inject
    KnownDevices devices;

    @Inject
    Event<LoginFailed> loginFailed;

    @Inject
    Event<LoggedIn> loggedIn;

    @Inject
    Event<SessionLimitRefused> limitRefused;

    @Inject
    Event<PasswordChanged> passwordChanged;

    @Inject
    Event<PasswordChangeFailed> passwordChangeFailed;

    /** Tokens handed out, and when the refresh token stops working: its session's absolute end. */
    public record Issued<T>(T tokens, Instant refreshExpiresAt) {}

    public Issued<TokenResponse> login(LoginRequest request, Device device) {
        if (accounts.isHashingFull(HashingLane.GENERAL) && !devices.hasUsedDevice(request.username, device)) {
            accounts.refuseIfHashingFull(HashingLane.GENERAL);
        }
        Optional<Account> named = accounts.forLogin(request.username);
        HashingLane lane =
                named.isPresent() && devices.hasUsedDevice(named.get().id(), device)
                        ? HashingLane.PRIORITY
                        : HashingLane.GENERAL;
        accounts.refuseIfHashingFull(lane);
        LoginThrottle.Attempt attempt = admit(request.username, device);
        Account account = null;
        Sessions.Opened opened;
        try {
            account = accounts.authenticate(named, request.password, lane);
            UUID endSession = request.endSession == null ? null : UUID.fromString(request.endSession);
            opened = sessions.start(new NewSession(account.id(), account.passwordChangedAt(), device, endSession));
        } catch (InvalidCredentialsException | AccountDisabledException e) {
            if (e instanceof InvalidCredentialsException) {
                throttle.failed(attempt);
            }
            loginFailed.fire(new LoginFailed(
                    request.username, device.ipAddress(), e.code(), device.userAgent(), device.label()));
            throw e;
        } catch (SessionLimitReachedException e) {
            limitRefused.fire(
                    new SessionLimitRefused(account.id(), device.ipAddress(), device.userAgent(), device.label()));
            throw e;
        }
        throttle.succeeded(attempt);
        TokenIssuer.AccessToken access = tokens.issue(account, opened.session().id());
        loggedIn.fire(new LoggedIn(account.id(), opened.session().id(), device.ipAddress(), device.label()));
        return new Issued<>(
                new TokenResponse(
                        access.token(),
                        opened.refreshToken(),
                        opened.session().id(),
                        access.expiresInSeconds(),
                        "Bearer"),
                opened.session().expiresAt(sessions.liveness()));
    }

    private LoginThrottle.Attempt admit(String username, Device device) {
        try {
            return throttle.admitLogin(username, device.ipAddress());
        } catch (TooManyAttemptsException e) {
            loginFailed.fire(new LoginFailed(
                    username, device.ipAddress(), LoginFailed.THROTTLED, device.userAgent(), device.label()));
            throw e;
        }
    }

    /**
     * A user changes their own password from the session {@code sessionId} (see
     * {@code Accounts.changePassword}). Wrong current passwords are counted per session like failed
     * logins, and refused with 429 past the limit; the outcome, either way, is published
     * ({@link PasswordChanged}, {@link PasswordChangeFailed}).
     */
    public SessionsEndedResponse changePassword(UUID accountId, UUID sessionId, ChangePasswordRequest request) {
        LoginThrottle.Attempt attempt;
        try {
            attempt = throttle.admitPasswordChange(sessionId);
        } catch (TooManyAttemptsException e) {
            passwordChangeFailed.fire(new PasswordChangeFailed(accountId, sessionId, e.code()));
            throw e;
        }
        int ended;
        try {
            ended = accounts.changePassword(
                    accountId,
                    sessionId,
                    request.currentPassword,
                    request.newPassword,
                    Boolean.TRUE.equals(request.keepCurrentSession));
        } catch (DomainException e) {
            if (e instanceof InvalidCurrentPasswordException) {
                throttle.failed(attempt);
            }
            passwordChangeFailed.fire(new PasswordChangeFailed(accountId, sessionId, e.code()));
            throw e;
        }
        throttle.succeeded(attempt);
        passwordChanged.fire(new PasswordChanged(accountId, sessionId, ended));
        return new SessionsEndedResponse(ended);
    }

    /**
     * Rotates a refresh token and signs the next access token from what the rotation read, the
     * account's current name and roles (a demoted administrator's next token no longer says admin):
     * the common case in one statement ({@link Sessions#rotateIfLive}), everything else the long way,
     * which decides (and ends a session whose retired token came back).
     */
    public Issued<RefreshResponse> refresh(String refreshToken) {
        return issued(sessions.rotateIfLive(refreshToken).orElseGet(() -> sessions.refreshTheLongWay(refreshToken)));
    }

    /**
     * The common case of {@link #refresh} only: empty, having changed nothing, when the token is not
     * the current one of a live session (or the database is H2). What a shortcut that must leave
     * every other case to the resource calls.
     */
    public Optional<Issued<RefreshResponse>> refreshIfLive(String refreshToken) {
        return sessions.rotateIfLive(refreshToken).map(this::issued);
    }

    private Issued<RefreshResponse> issued(Sessions.Rotation rotation) {
        TokenIssuer.AccessToken access =
                tokens.issue(rotation.accountId(), rotation.username(), rotation.roles(), rotation.sessionId());
        return new Issued<>(
                new RefreshResponse(access.token(), rotation.refreshToken(), access.expiresInSeconds(), "Bearer"),
                rotation.expiresAt());
    }

    public void logout(String refreshToken, UUID sessionId) {
        sessions.logout(refreshToken, sessionId);
    }
}
