package io.portero.accounts.boundary;

import io.portero.accounts.control.AccountChanges;
import io.portero.accounts.control.AccountStore;
import io.portero.accounts.control.PasswordRules;
import io.portero.accounts.entity.Account;
import io.portero.accounts.entity.InvalidCurrentPasswordException;
import io.portero.accounts.entity.Role;
import io.portero.accounts.entity.UserNotFoundException;
import io.portero.accounts.entity.UsernameTakenException;
import io.portero.auth.control.Passwords;
import io.portero.platform.paging.Page;
import io.portero.sessions.control.Revocation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The accounts facade: creating and changing accounts, and the password rules. Changes that must
 * end sessions go through {@link AccountChanges}, whose interceptor revokes them in the same
 * transaction.
 */
@ApplicationScoped
public class Accounts {

    @Inject
    AccountStore store;

    @Inject
    AccountChanges changes;

    @Inject
    Passwords passwords;

    @Inject
    Clock clock;

    /** The account of a username, ignoring letter case, for a login. */
    public Optional<Account> forLogin(String username) {
        return store.byUsername(username);
    }

    @Transactional
    public void upgradeHash(UUID accountId, String newHash) {
        store.byId(accountId).ifPresent(account -> account.upgradeHash(newHash));
    }

    @Transactional
    public UserView create(String username, String password, String email, Set<Role> roles) {
        PasswordRules.check("password", password, username, false);
        if (store.byUsername(username).isPresent()) {
            throw new UsernameTakenException();
        }
        Account account = new Account(username, blankToNull(email), passwords.hash(password), roles, clock.instant());
        try {
            store.persist(account);
        } catch (PersistenceException raceOnTheUniqueKey) {
            throw new UsernameTakenException();
        }
        return UserView.from(account);
    }

    /** Creates the first administrator when none exists; answers whether it did. */
    @Transactional
    public boolean bootstrapAdmin(String username, String password) {
        if (store.anyAdmin()) {
            return false;
        }
        if (store.byUsername(username).isPresent()) {
            throw new IllegalStateException("PORTERO_ADMIN_USERNAME names an existing non-admin account: " + username);
        }
        store.persist(new Account(username, null, passwords.hash(password), EnumSet.of(Role.ADMIN, Role.USER), clock.instant()));
        return true;
    }

    @Transactional
    public Page<UserView> search(String q, int page, int size) {
        return new Page<>(store.search(q, page * size, size).stream().map(UserView::from).toList(),
                page, size, store.count(q));
    }

    @Transactional
    public UserView get(String username) {
        return UserView.from(existing(username));
    }

    @Transactional
    public Account byId(UUID id) {
        return store.byId(id).orElseThrow(UserNotFoundException::new);
    }

    /** Applies the fields present; disabling ends every session of the account. */
    @Transactional
    public UserView update(String username, Boolean enabled, Set<Role> roles, Optional<String> email) {
        Account account = existing(username);
        if (roles != null) {
            account.setRoles(roles);
        }
        email.ifPresent(value -> account.setEmail(blankToNull(value)));
        if (enabled != null) {
            changes.setEnabled(account, enabled);
        }
        return UserView.from(account);
    }

    /** An administrator sets a password: every session of the account ends. */
    @Transactional
    public int setPassword(String username, String password) {
        Account account = existing(username);
        PasswordRules.check("password", password, account.username(), false);
        return changes.changePassword(account, passwords.hash(password), clock.instant(), null).sessionsEnded();
    }

    /**
     * The user changes their own password, proving the current one. Every session ends, or every
     * session but the current one when asked to keep it.
     */
    @Transactional
    public int changePassword(UUID accountId, UUID currentSession, String currentPassword, String newPassword,
                              boolean keepCurrentSession) {
        Account account = store.byId(accountId).orElseThrow(UserNotFoundException::new);
        if (!passwords.verify(currentPassword, account.passwordHash())) {
            throw new InvalidCurrentPasswordException();
        }
        PasswordRules.check("new_password", newPassword, account.username(), newPassword.equals(currentPassword));
        Revocation revocation = changes.changePassword(account, passwords.hash(newPassword), clock.instant(),
                keepCurrentSession ? currentSession : null);
        return revocation.sessionsEnded();
    }

    private Account existing(String username) {
        return store.byUsername(username).orElseThrow(UserNotFoundException::new);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
