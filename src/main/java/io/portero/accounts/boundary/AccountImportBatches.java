package io.portero.accounts.boundary;

import io.portero.accounts.control.AccountChanges;
import io.portero.accounts.control.AccountStore;
import io.portero.accounts.entity.Account;
import io.portero.accounts.entity.ImportedUser;
import io.portero.accounts.entity.OnConflict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One batch of an import, in a transaction of its own (only {@link AccountImports} calls it). The
 * accounts the batch's usernames already name are read first; new ones are inserted in JDBC
 * batches. With {@code on_conflict=update} the existing accounts are locked and made what their
 * rows say; a new password hash ends the account's sessions ({@code PASSWORD_CHANGED}), a disabled
 * account's end too ({@code ACCOUNT_DISABLED}), in the same transaction, and a batch that would
 * leave no enabled administrator refuses the rows that demote or disable one ({@code last_admin}).
 * The batch's usernames are distinct (rows sharing one are refused before).
 */
@ApplicationScoped
@Transactional
public class AccountImportBatches {

    @Inject
    AccountStore store;

    @Inject
    AccountChanges changes;

    /** What one batch did. */
    record Outcome(int created, int updated, int unchanged, int skipped, List<RefusedRow> refused) {}

    Outcome write(List<ImportedUser> users, OnConflict onConflict, Instant now) {
        Map<String, ImportedUser> byKey = new LinkedHashMap<>();
        users.forEach(user -> byKey.put(user.key(), user));
        return onConflict == OnConflict.SKIP ? insertNew(byKey, now) : upsert(byKey, now);
    }

    private Outcome insertNew(Map<String, ImportedUser> byKey, Instant now) {
        Set<String> existing = new HashSet<>(store.existingKeys(byKey.keySet()));
        List<Account> fresh = new ArrayList<>();
        byKey.forEach((key, user) -> {
            if (!existing.contains(key)) {
                fresh.add(Account.imported(user, now));
            }
        });
        store.persistAll(fresh);
        return new Outcome(fresh.size(), 0, 0, existing.size(), List.of());
    }

    private Outcome upsert(Map<String, ImportedUser> byKey, Instant now) {
        List<Account> existing = store.byUsernameKeysForUpdate(byKey.keySet());
        Map<String, ImportedUser> fresh = new LinkedHashMap<>(byKey);
        List<RefusedRow> refused = new ArrayList<>();
        boolean lastAdminAtStake = noAdminWouldRemain(existing, byKey);
        List<UUID> disabled = new ArrayList<>();
        List<UUID> newPasswords = new ArrayList<>();
        int updated = 0;
        int unchanged = 0;
        for (Account account : existing) {
            String key = Account.keyOf(account.username());
            ImportedUser user = fresh.remove(key);
            if (user == null) {
                continue;
            }
            if (lastAdminAtStake && losesAdmin(account, user)) {
                refused.add(new RefusedRow(user.index(), user.line(), user.pk(), user.username(), "last_admin", null));
                continue;
            }
            boolean disabling = account.isEnabled() && !user.enabled();
            boolean newPassword = !account.passwordHash().equals(user.passwordHash());
            if (account.updateFrom(user, now)) {
                updated++;
                if (disabling) {
                    disabled.add(account.id());
                } else if (newPassword) {
                    newPasswords.add(account.id());
                }
            } else {
                unchanged++;
            }
        }
        List<Account> created =
                fresh.values().stream().map(user -> Account.imported(user, now)).toList();
        store.persistAll(created);
        if (!disabled.isEmpty()) {
            changes.disabled(disabled);
        }
        if (!newPasswords.isEmpty()) {
            changes.passwordsReplaced(newPasswords);
        }
        return new Outcome(created.size(), updated, unchanged, 0, refused);
    }

    /**
     * Whether the batch's rows would demote or disable every enabled administrator there is; the
     * administrators' rows are locked to decide it (as an administrator's own change does), and only
     * when a row would take the role from one.
     */
    private boolean noAdminWouldRemain(List<Account> existing, Map<String, ImportedUser> byKey) {
        Set<UUID> losing = new HashSet<>();
        for (Account account : existing) {
            ImportedUser user = byKey.get(Account.keyOf(account.username()));
            if (user != null && losesAdmin(account, user)) {
                losing.add(account.id());
            }
        }
        if (losing.isEmpty()) {
            return false;
        }
        Set<UUID> kept = new HashSet<>(store.lockEnabledAdmins());
        kept.removeAll(losing);
        return kept.isEmpty();
    }

    private static boolean losesAdmin(Account account, ImportedUser user) {
        return account.isAdmin() && account.isEnabled() && (!user.admin() || !user.enabled());
    }
}
