package io.portero.auth.boundary;

import io.portero.accounts.boundary.Accounts;
import io.portero.accounts.entity.Account;
import io.portero.auth.control.Passwords;
import io.portero.auth.control.RefreshTokens;
import io.portero.auth.control.TokenIssuer;
import io.portero.auth.entity.AccountDisabledException;
import io.portero.auth.entity.InvalidCredentialsException;
import io.portero.sessions.boundary.Sessions;
import io.portero.sessions.control.NewSession;
import io.portero.sessions.entity.Device;
import io.portero.sessions.entity.UserSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Optional;
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
    Passwords passwords;

    @Inject
    TokenIssuer tokens;

    @Inject
    Event<LoginFailed> loginFailed;

    @Inject
    Event<LoggedIn> loggedIn;

    public TokenResponse login(LoginRequest request, Device device) {
        Optional<Account> found = accounts.forLogin(request.username);
        if (found.isEmpty()) {
            passwords.burn(request.password);
            loginFailed.fire(new LoginFailed(request.username, device.ipAddress(), "invalid_credentials"));
            throw new InvalidCredentialsException();
        }
        Account account = found.get();
        if (!passwords.verify(request.password, account.passwordHash())) {
            loginFailed.fire(new LoginFailed(request.username, device.ipAddress(), "invalid_credentials"));
            throw new InvalidCredentialsException();
        }
        if (!account.isEnabled()) {
            loginFailed.fire(new LoginFailed(request.username, device.ipAddress(), "account_disabled"));
            throw new AccountDisabledException();
        }
        if (passwords.needsRehash(account.passwordHash())) {
            accounts.upgradeHash(account.id(), account.passwordHash(), passwords.hash(request.password));
        }
        String refresh = RefreshTokens.generate();
        UUID endSession = request.endSession == null ? null : UUID.fromString(request.endSession);
        UserSession session = sessions.start(new NewSession(account.id(), account.passwordChangedAt(), device,
                RefreshTokens.hash(refresh), endSession));
        TokenIssuer.AccessToken access = tokens.issue(account, session.id());
        loggedIn.fire(new LoggedIn(account.id(), session.id(), device.ipAddress(), device.label()));
        return new TokenResponse(access.token(), refresh, session.id(), access.expiresInSeconds(), "Bearer");
    }

    public RefreshResponse refresh(String refreshToken) {
        Sessions.Rotation rotation = sessions.refresh(refreshToken);
        Account account = accounts.byId(rotation.session().account().id());
        TokenIssuer.AccessToken access = tokens.issue(account, rotation.session().id());
        return new RefreshResponse(access.token(), rotation.refreshToken(), access.expiresInSeconds(), "Bearer");
    }

    public void logout(String refreshToken, UUID sessionId) {
        sessions.logout(refreshToken, sessionId);
    }
}
