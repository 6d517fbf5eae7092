package io.portero.accounts.boundary;

import io.portero.accounts.control.AccountChanges;
import io.portero.accounts.control.AccountStore;
import io.portero.accounts.control.PasswordRules;
import io.portero.accounts.control.Passwords;
import io.portero.accounts.entity.Account;
import io.portero.accounts.entity.AccountDisabledException;
import io.portero.accounts.entity.InvalidCredentialsException;
import io.portero.accounts.entity.InvalidCurrentPasswordException;
import io.portero.accounts.entity.LastAdminException;
import io.portero.accounts.entity.PasswordRejectedException;
import io.portero.accounts.entity.Revocation;
import io.portero.accounts.entity.Role;
import io.portero.accounts.entity.UserNotFoundException;
import io.portero.accounts.entity.UsernameTakenException;
import io.portero.platform.paging.Page;
import io.portero.platform.problem.Failures;
import io.portero.platform.problem.InvalidInputException;
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
 * transaction, with the account row locked first: a login opening a session takes the same lock,
 * so either the login commits first and its session is revoked, or the change commits first and
 * the login is refused.
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

    /**
     * The account a login names, if the password is right and the account enabled. An unknown
     * username costs the time of a verification too, so it answers like a wrong password; a legacy
     * (Django) hash of the right password is upgraded to the current algorithm on the way.
     *
     * @throws InvalidCredentialsException for an unknown user or a wrong password, alike
     * @throws AccountDisabledException only with the right password
     */
    public Account authenticate(String username, String password) {
        Optional<Account> found = forLogin(username);
        if (found.isEmpty()) {
            passwords.burn(password);
            throw new InvalidCredentialsException();
        }
        Account account = found.get();
        if (!passwords.verify(password, account.passwordHash())) {
            throw new InvalidCredentialsException();
        }
        if (!account.isEnabled()) {
            throw new AccountDisabledException();
        }
        if (passwords.needsRehash(account.passwordHash())) {
            store.replaceHash(account.id(), account.passwordHash(), passwords.hash(password));
        }
        return account;
    }

    /** The account of a username, ignoring letter case and compatibility forms, for a login. */
    public Optional<Account> forLogin(String username) {
        if (Account.keyOf(username).length() > Account.MAX_USERNAME_LENGTH) {
            return Optional.empty();
        }
        return store.byUsername(username);
    }

    @Transactional
    public UserView create(String username, String password, String email, Set<Role> roles) {
        String name = Account.normalize(username);
        checkUsername(name);
        PasswordRules.check("password", password, name, false);
        if (store.byUsername(name).isPresent()) {
            throw new UsernameTakenException();
        }
        Account account = new Account(name, blankToNull(email), passwords.hash(password), roles, clock.instant());
        try {
            store.persist(account);
        } catch (PersistenceException e) {
            if (Failures.isUniqueViolation(e)) {
                throw new UsernameTakenException();
            }
            throw e;
        }
        return UserView.from(account);
    }

    /**
     * A username, once normalised, must still be letters, digits and {@code @ . + - _}, and its
     * lower-cased key must fit the column ({@code "İ" * 150} does not).
     */
    private static void checkUsername(String normalized) {
        if (!normalized.matches(USERNAME_PATTERN)) {
            throw new InvalidInputException("username", "invalid_format");
        }
        if (Account.keyOf(normalized).length() > Account.MAX_USERNAME_LENGTH) {
            throw new InvalidInputException("username", "too_long");
        }
    }

    /** The characters a username may hold (the original's rule). */
    public static final String USERNAME_PATTERN = "[\\p{L}\\p{N}@.+_-]+";

    /**
     * Creates the first administrator when none exists; answers whether it did. The password rules
     * apply as to any other password: a password that breaks them stops the start-up.
     */
    @Transactional
    public boolean bootstrapAdmin(String username, String password) {
        if (store.anyAdmin()) {
            return false;
        }
        String name = Account.normalize(username);
        try {
            checkUsername(name);
            PasswordRules.check("password", password, name, false);
        } catch (PasswordRejectedException e) {
            throw new IllegalStateException("PORTERO_ADMIN_PASSWORD breaks the password rules: "
                    + e.broken().stream()
                            .map(PasswordRejectedException.Broken::code)
                            .toList());
        } catch (InvalidInputException e) {
            throw new IllegalStateException("PORTERO_ADMIN_USERNAME is not a valid username: " + e.fields());
        }
        if (store.byUsername(name).isPresent()) {
            throw new IllegalStateException("PORTERO_ADMIN_USERNAME names an existing non-admin account: " + name);
        }
        store.persist(
                new Account(name, null, passwords.hash(password), EnumSet.of(Role.ADMIN, Role.USER), clock.instant()));
        return true;
    }

    @Transactional
    public Page<UserView> search(String q, int page, int size) {
        return new Page<>(
                store.search(q, page * size, size).stream().map(UserView::from).toList(), page, size, store.count(q));
    }

    @Transactional
    public UserView get(String username) {
        return UserView.from(existing(username));
    }

    @Transactional
    public Account byId(UUID id) {
        return store.byId(id).orElseThrow(UserNotFoundException::new);
    }

    /**
     * Applies the fields present; disabling ends every session of the account. Disabling or demoting
     * the last enabled administrator is refused ({@code last_admin}): nobody could undo it.
     */
    @Transactional
    public UserView update(String username, Boolean enabled, Set<Role> roles, Optional<String> email) {
        Account account = store.byUsernameForUpdate(username).orElseThrow(UserNotFoundException::new);
        boolean losesAdmin = account.isAdmin()
                && account.isEnabled()
                && (Boolean.FALSE.equals(enabled) || (roles != null && !roles.contains(Role.ADMIN)));
        if (losesAdmin && store.lockEnabledAdmins().stream().noneMatch(id -> !id.equals(account.id()))) {
            throw new LastAdminException();
        }
        if (roles != null) {
            account.setRoles(roles);
        }
        email.ifPresent(value -> account.setEmail(blankToNull(value)));
        if (enabled != null) {
            changes.setEnabled(account, enabled);
        }
        return UserView.from(account);
    }

    /**
     * An administrator sets a password: every session of the account ends. The new password is
     * hashed before the account is locked, so the lock is held only for the change itself.
     */
    @Transactional
    public int setPassword(String username, String password) {
        Account account = existing(username);
        PasswordRules.check("password", password, account.username(), false);
        String newHash = passwords.hash(password);
        store.lock(account);
        return changes.changePassword(account, newHash, clock.instant(), null).sessionsEnded();
    }

    /**
     * The user changes their own password, proving the current one. Every session ends, or every
     * session but the current one when asked to keep it. Hashing happens before the account is
     * locked; a password changed by someone else meanwhile makes the proof stale.
     */
    @Transactional
    public int changePassword(
            UUID accountId,
            UUID currentSession,
            String currentPassword,
            String newPassword,
            boolean keepCurrentSession) {
        Account account = store.byId(accountId).orElseThrow(UserNotFoundException::new);
        String provenHash = account.passwordHash();
        if (!passwords.verify(currentPassword, provenHash)) {
            throw new InvalidCurrentPasswordException();
        }
        PasswordRules.check("new_password", newPassword, account.username(), newPassword.equals(currentPassword));
        String newHash = passwords.hash(newPassword);
        store.lock(account);
        if (!account.passwordHash().equals(provenHash)) {
            throw new InvalidCurrentPasswordException();
        }
        Revocation revocation =
                changes.changePassword(account, newHash, clock.instant(), keepCurrentSession ? currentSession : null);
        return revocation.sessionsEnded();
    }

    private Account existing(String username) {
        return store.byUsername(username).orElseThrow(UserNotFoundException::new);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
