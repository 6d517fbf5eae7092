package io.portero.accounts.boundary;

import io.portero.accounts.control.AccountChanges;
import io.portero.accounts.control.AccountStore;
import io.portero.accounts.control.PasswordRules;
import io.portero.accounts.control.Passwords;
import io.portero.accounts.entity.Account;
import io.portero.accounts.entity.AccountChanged;
import io.portero.accounts.entity.AccountDisabledException;
import io.portero.accounts.entity.HashingCapacityExceededException;
import io.portero.accounts.entity.HashingLane;
import io.portero.accounts.entity.InvalidCredentialsException;
import io.portero.accounts.entity.InvalidCurrentPasswordException;
import io.portero.accounts.entity.LastAdminException;
import io.portero.accounts.entity.PasswordRejectedException;
import io.portero.accounts.entity.Role;
import io.portero.accounts.entity.UserNotFoundException;
import io.portero.accounts.entity.UsernameTakenException;
import io.portero.platform.paging.Page;
import io.portero.platform.problem.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The accounts facade: creating and changing accounts, and the password rules. A password is
 * never hashed inside a transaction (the methods that hash are {@link TxType#NEVER}): what the
 * hashing needs is read in a short transaction, and its result applied in another, through
 * {@link AccountTransactions}, so a flood of logins holds no database connection while it waits
 * for the hasher. Changes that must
 * end sessions go through {@link AccountChanges}, whose interceptor revokes them in the same
 * transaction, with the account row locked first: a login opening a session takes the same lock,
 * so either the login commits first and its session is revoked, or the change commits first and
 * the login is refused.
 *
 * <p>Hashing waits in a {@link HashingLane}: a login in the lane its caller chose (the priority
 * lane for a device the account has used before), everything an authenticated caller does
 * (change-password, an administrator's create and set-password) in the priority lane, since a
 * flood of strangers' logins cannot produce those.
 */
@ApplicationScoped
public class Accounts {

    @Inject
    AccountStore store;

    @Inject
    AccountChanges changes;

    @Inject
    AccountTransactions steps;

    @Inject
    Passwords passwords;

    @Inject
    Clock clock;

    @Inject
    Event<AccountChanged> changed;

    /**
     * The account a login names, if the password is right and the account enabled. {@code named}
     * is what {@link #forLogin} found for the username; when it is empty the password is checked
     * against nothing, at the cost of a verification, so an unknown username answers like a wrong
     * password. A legacy (Django) hash of the right password is upgraded to the current algorithm on
     * the way.
     *
     * @param lane the hashing lane of this login (an unknown username always uses the general one)
     * @throws InvalidCredentialsException for an unknown user or a wrong password, alike
     * @throws AccountDisabledException only with the right password
     */
    @Transactional(TxType.NEVER)
    public Account authenticate(Optional<Account> named, String password, HashingLane lane) {
        if (named.isEmpty()) {
            passwords.burn(password);
            throw new InvalidCredentialsException();
        }
        Account account = named.get();
        if (!passwords.verify(password, account.passwordHash(), lane)) {
            throw new InvalidCredentialsException();
        }
        if (!account.isEnabled()) {
            throw new AccountDisabledException();
        }
        if (passwords.needsRehash(account.passwordHash())) {
            store.replaceHash(account.id(), account.passwordHash(), passwords.hash(password, lane));
        }
        return account;
    }

    /**
     * Whether a password request of this lane would be refused right now: no slot free and the
     * lane's queue full. Costs no hash and no database access, so a flow asks it before the work it
     * does ahead of the hash; the hash itself still decides.
     */
    public boolean isHashingFull(HashingLane lane) {
        return passwords.isFull(lane);
    }

    /**
     * Refuses a password request of this lane at once (503 {@code service_busy}) when
     * {@link #isHashingFull} says so.
     *
     * @throws HashingCapacityExceededException when the lane is full right now
     */
    public void refuseIfHashingFull(HashingLane lane) {
        if (passwords.isFull(lane)) {
            throw new HashingCapacityExceededException();
        }
    }

    /**
     * The account of a username, ignoring letter case and compatibility forms, for a login. Read in
     * its own short transaction, so no connection is held once it returns.
     */
    public Optional<Account> forLogin(String username) {
        if (Account.keyOf(username).length() > Account.MAX_USERNAME_LENGTH) {
            return Optional.empty();
        }
        return steps.byUsername(username);
    }

    /**
     * An administrator creates an account. The name is checked first (a taken name costs no hash),
     * the password hashed outside any transaction, and the row inserted in a short one that checks
     * the name again.
     */
    @Transactional(TxType.NEVER)
    public UserView create(String username, String password, String email, Set<Role> roles) {
        String name = Account.normalize(username);
        checkUsername(name);
        PasswordRules.check("password", password, name, false);
        if (steps.byUsername(name).isPresent()) {
            throw new UsernameTakenException();
        }
        String hash = passwords.hash(password, HashingLane.PRIORITY);
        return UserView.from(steps.insert(new Account(name, blankToNull(email), hash, roles, clock.instant())));
    }

    /** How many password requests wait for a hashing slot on this node right now. */
    public int hashingQueue() {
        return passwords.waiting();
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
    public static final String USERNAME_PATTERN = Account.USERNAME_PATTERN;

    /**
     * Creates the first administrator when none exists; answers whether it did. The password rules
     * apply as to any other password: a password that breaks them stops the start-up. Called from a
     * start-up callback, which the container may run in a transaction: that one is suspended here.
     */
    @Transactional(TxType.NOT_SUPPORTED)
    public boolean bootstrapAdmin(String username, String password) {
        if (steps.anyAdmin()) {
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
        return steps.insertFirstAdmin(name, passwords.hash(password, HashingLane.PRIORITY));
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
        if (roles != null || enabled != null) {
            changed.fire(new AccountChanged(account.id()));
        }
        return UserView.from(account);
    }

    /**
     * An administrator sets a password: every session of the account ends. The account is read,
     * the password hashed outside any transaction, and the change applied in a short one under the
     * account's row lock.
     */
    @Transactional(TxType.NEVER)
    public int setPassword(String username, String password) {
        Account account = steps.byUsername(username).orElseThrow(UserNotFoundException::new);
        PasswordRules.check("password", password, account.username(), false);
        String newHash = passwords.hash(password, HashingLane.PRIORITY);
        return steps.setPassword(account.id(), newHash);
    }

    /**
     * The user changes their own password, proving the current one. Every session ends, or every
     * session but the current one when asked to keep it. The proof and the new hash are computed
     * outside any transaction; the change is applied under the account's row lock only if the
     * password is still the one proven (a password changed by someone else meanwhile makes the
     * proof stale).
     */
    @Transactional(TxType.NEVER)
    public int changePassword(
            UUID accountId,
            UUID currentSession,
            String currentPassword,
            String newPassword,
            boolean keepCurrentSession) {
        Account account = steps.byId(accountId).orElseThrow(UserNotFoundException::new);
        String provenHash = account.passwordHash();
        if (!passwords.verify(currentPassword, provenHash, HashingLane.PRIORITY)) {
            throw new InvalidCurrentPasswordException();
        }
        PasswordRules.check("new_password", newPassword, account.username(), newPassword.equals(currentPassword));
        String newHash = passwords.hash(newPassword, HashingLane.PRIORITY);
        return steps.changePassword(accountId, provenHash, newHash, keepCurrentSession ? currentSession : null);
    }

    private Account existing(String username) {
        return store.byUsername(username).orElseThrow(UserNotFoundException::new);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
