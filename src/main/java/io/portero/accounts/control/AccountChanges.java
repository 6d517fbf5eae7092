package io.portero.accounts.control;

import io.portero.accounts.entity.Account;
import io.portero.accounts.entity.AccountChange;
import io.portero.accounts.entity.Revocation;
import io.portero.accounts.entity.RevokesSessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * The account changes that end sessions. Each returns the {@link Revocation} it requires and the
 * session-revocation interceptor carries it out in the same transaction, so a password is never
 * changed without its old sessions ending.
 */
@ApplicationScoped
public class AccountChanges {

    /** Sets a new password; every session ends but {@code keepSession}, if given. */
    @RevokesSessions(AccountChange.PASSWORD_CHANGED)
    @Transactional(Transactional.TxType.MANDATORY)
    public Revocation changePassword(Account account, String newHash, Instant now, UUID keepSession) {
        account.changePassword(newHash, now);
        return Revocation.of(account.id(), keepSession);
    }

    /**
     * The passwords of these accounts were replaced by a bulk statement in this transaction (an
     * import with {@code on_conflict=update}): every session of theirs ends.
     */
    @RevokesSessions(AccountChange.PASSWORD_CHANGED)
    @Transactional(Transactional.TxType.MANDATORY)
    public Revocation passwordsReplaced(Collection<UUID> accountIds) {
        return Revocation.ofAll(accountIds);
    }

    /** These accounts were disabled by a bulk statement in this transaction: every session of theirs ends. */
    @RevokesSessions(AccountChange.ACCOUNT_DISABLED)
    @Transactional(Transactional.TxType.MANDATORY)
    public Revocation disabled(Collection<UUID> accountIds) {
        return Revocation.ofAll(accountIds);
    }

    /** Disables an account; all of its sessions end. Enabling ends nothing. */
    @RevokesSessions(AccountChange.ACCOUNT_DISABLED)
    @Transactional(Transactional.TxType.MANDATORY)
    public Revocation setEnabled(Account account, boolean enabled) {
        boolean disabling = account.isEnabled() && !enabled;
        account.setEnabled(enabled);
        return disabling ? Revocation.of(account.id(), null) : Revocation.none();
    }
}
