package io.portero.accounts.boundary;

import io.portero.accounts.control.AccountChanges;
import io.portero.accounts.control.AccountStore;
import io.portero.accounts.entity.Account;
import io.portero.accounts.entity.InvalidCurrentPasswordException;
import io.portero.accounts.entity.Role;
import io.portero.accounts.entity.UserNotFoundException;
import io.portero.accounts.entity.UsernameTakenException;
import io.portero.platform.problem.Failures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;

/**
 * The short transactions {@link Accounts} runs before and after a password is hashed, never
 * around it: the read that the hashing needs, and the write that applies its result under the
 * account's row lock, re-checking there what may have changed while the hash ran. Only
 * {@link Accounts} calls these; they are a separate bean so that each call is its own
 * transaction.
 */
@ApplicationScoped
@Transactional
public class AccountTransactions {

    @Inject
    AccountStore store;

    @Inject
    AccountChanges changes;

    @Inject
    Clock clock;

    public Optional<Account> byUsername(String username) {
        return store.byUsername(username);
    }

    public Optional<Account> byId(UUID id) {
        return store.byId(id);
    }

    public boolean anyAdmin() {
        return store.anyAdmin();
    }

    /** Inserts a new account; a username taken meanwhile (another node, a double click) is refused. */
    public Account insert(Account account) {
        if (store.byUsername(account.username()).isPresent()) {
            throw new UsernameTakenException();
        }
        try {
            store.persist(account);
        } catch (PersistenceException e) {
            if (Failures.isUniqueViolation(e)) {
                throw new UsernameTakenException();
            }
            throw e;
        }
        return account;
    }

    /**
     * Inserts the first administrator unless one appeared meanwhile; answers whether it did.
     *
     * @throws IllegalStateException when the name belongs to an existing non-admin account
     */
    public boolean insertFirstAdmin(String name, String passwordHash) {
        if (store.anyAdmin()) {
            return false;
        }
        if (store.byUsername(name).isPresent()) {
            throw new IllegalStateException("PORTERO_ADMIN_USERNAME names an existing non-admin account: " + name);
        }
        store.persist(new Account(name, null, passwordHash, EnumSet.of(Role.ADMIN, Role.USER), clock.instant()));
        return true;
    }

    /** An administrator's new password: locks the account, sets it, ends every session. */
    public int setPassword(UUID accountId, String newHash) {
        Account account = store.byIdForUpdate(accountId).orElseThrow(UserNotFoundException::new);
        return changes.changePassword(account, newHash, clock.instant(), null).sessionsEnded();
    }

    /**
     * A user's new password, proven with the current one: locks the account and applies it only if
     * the password is still the one proven ({@code provenHash}); a password set by someone else
     * while this one was hashed makes the proof stale ({@code invalid_current_password}).
     */
    public int changePassword(UUID accountId, String provenHash, String newHash, UUID keepSession) {
        Account account = store.byIdForUpdate(accountId).orElseThrow(UserNotFoundException::new);
        if (!account.passwordHash().equals(provenHash)) {
            throw new InvalidCurrentPasswordException();
        }
        return changes.changePassword(account, newHash, clock.instant(), keepSession)
                .sessionsEnded();
    }
}
