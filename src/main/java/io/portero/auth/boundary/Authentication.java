package io.portero.auth.boundary;

import io.portero.accounts.boundary.Accounts;
import io.portero.accounts.entity.Account;
import io.portero.accounts.entity.AccountDisabledException;
import io.portero.accounts.entity.InvalidCredentialsException;
import io.portero.auth.control.TokenIssuer;
import io.portero.sessions.boundary.Sessions;
import io.portero.sessions.entity.Device;
import io.portero.sessions.entity.NewSession;
import io.portero.sessions.entity.SessionLimitReachedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Logins, refreshes and logouts. The password is verified before any lock is taken (hashing is
 * slow); then the session opens under the device limit, where the account is read again under its
 * lock: a disable or a password change that committed while the login was hashing refuses it.
 * Only then are the tokens signed.
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
    Event<LoginFailed> loginFailed;

    @Inject
    Event<LoggedIn> loggedIn;

    @Inject
    Event<LoginRefusedAtLimit> refusedAtLimit;

    public TokenResponse login(LoginRequest request, Device device) {
        Account account;
        try {
            account = accounts.authenticate(request.username, request.password);
        } catch (InvalidCredentialsException | AccountDisabledException e) {
            loginFailed.fire(new LoginFailed(request.username, device.ipAddress(), e.code()));
            throw e;
        }
        UUID endSession = request.endSession == null ? null : UUID.fromString(request.endSession);
        Sessions.Opened opened;
        try {
            opened = sessions.start(new NewSession(account.id(), account.passwordChangedAt(), device, endSession));
        } catch (SessionLimitReachedException e) {
            refusedAtLimit.fire(new LoginRefusedAtLimit(account.id(), device.ipAddress(), e.code()));
            throw e;
        }
        TokenIssuer.AccessToken access = tokens.issue(account, opened.session().id());
        loggedIn.fire(new LoggedIn(account.id(), opened.session().id(), device.ipAddress(), device.label()));
        return new TokenResponse(
                access.token(), opened.refreshToken(), opened.session().id(), access.expiresInSeconds(), "Bearer");
    }

    public RefreshResponse refresh(String refreshToken) {
        Sessions.Rotation rotation = sessions.refresh(refreshToken);
        Account account = accounts.byId(rotation.session().account().id());
        TokenIssuer.AccessToken access =
                tokens.issue(account, rotation.session().id());
        return new RefreshResponse(access.token(), rotation.refreshToken(), access.expiresInSeconds(), "Bearer");
    }

    public void logout(String refreshToken, UUID sessionId) {
        sessions.logout(refreshToken, sessionId);
    }
}
