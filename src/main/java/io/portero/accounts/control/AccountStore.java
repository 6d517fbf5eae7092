package io.portero.accounts.control;

import io.portero.accounts.entity.Account;
import io.portero.platform.database.NativeValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Accounts in the database. Callers own the transaction. */
@ApplicationScoped
public class AccountStore {

    @PersistenceContext(unitName = "portero")
    EntityManager em;

    public Optional<Account> byUsername(String username) {
        return em.createNamedQuery(Account.FIND_BY_USERNAME, Account.class)
                .setParameter("key", Account.keyOf(username))
                .getResultStream()
                .findFirst();
    }

    /**
     * The account of a username, its row locked until the transaction ends: a change that ends
     * sessions (disable, password) and a login opening one are decided one after the other.
     */
    public Optional<Account> byUsernameForUpdate(String username) {
        return em.createNamedQuery(Account.FIND_BY_USERNAME, Account.class)
                .setParameter("key", Account.keyOf(username))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst();
    }

    /** Locks an account read earlier in this transaction and reloads it as it is now. */
    public void lock(Account account) {
        em.refresh(account, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The account of an id, its row locked until the transaction ends. */
    public Optional<Account> byIdForUpdate(UUID id) {
        return Optional.ofNullable(em.find(Account.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public Optional<Account> byId(UUID id) {
        return Optional.ofNullable(em.find(Account.class, id));
    }

    /**
     * Replaces a password hash only if it is still {@code expected}: a password set in the meantime
     * is never overwritten. Answers whether it replaced it. Its own short transaction when the
     * caller has none (a login upgrading a legacy hash holds none while it hashes).
     */
    @Transactional
    public boolean replaceHash(UUID id, String expected, String newHash) {
        return em.createQuery(
                                "UPDATE Account a SET a.passwordHash = :newHash WHERE a.id = :id AND a.passwordHash = :expected")
                        .setParameter("newHash", newHash)
                        .setParameter("id", id)
                        .setParameter("expected", expected)
                        .executeUpdate()
                > 0;
    }

    /**
     * Locks every enabled administrator's row and answers their ids: two administrators demoting or
     * disabling each other at once are decided one after the other.
     */
    public List<UUID> lockEnabledAdmins() {
        List<?> rows = em.createNativeQuery(
                        "SELECT id FROM account WHERE enabled = TRUE AND roles LIKE '%admin%' FOR UPDATE")
                .getResultList();
        return rows.stream().map(NativeValues::uuid).toList();
    }

    /** The usernames keys among {@code keys} that an account has. */
    public List<String> existingKeys(Collection<String> keys) {
        return em.createQuery("SELECT a.usernameKey FROM Account a WHERE a.usernameKey IN :keys", String.class)
                .setParameter("keys", List.copyOf(keys))
                .getResultList();
    }

    /**
     * The accounts of these username keys, their rows locked until the transaction ends, in key
     * order (two imports locking the same rows take them in the same order).
     */
    public List<Account> byUsernameKeysForUpdate(Collection<String> keys) {
        return em.createQuery(
                        "SELECT a FROM Account a WHERE a.usernameKey IN :keys ORDER BY a.usernameKey", Account.class)
                .setParameter("keys", List.copyOf(keys))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    /** Inserts many accounts, in JDBC batches, and writes them at once. */
    public void persistAll(Collection<Account> accounts) {
        accounts.forEach(em::persist);
        em.flush();
    }

    /** Writes the changes made to managed accounts now (a unique key refuses them here, not at commit). */
    public void flush() {
        em.flush();
    }

    public void persist(Account account) {
        em.persist(account);
        em.flush();
    }

    public boolean anyAdmin() {
        Number count = (Number) em.createNativeQuery("SELECT COUNT(*) FROM account WHERE roles LIKE '%admin%'")
                .getSingleResult();
        return count.longValue() > 0;
    }

    /** Accounts whose username or email contains {@code q}, ignoring case, ordered by username. */
    public List<Account> search(String q, int offset, int limit) {
        return em.createQuery(
                        "SELECT a FROM Account a WHERE a.usernameKey LIKE :q ESCAPE '\\' OR LOWER(a.email) LIKE :q ESCAPE '\\' "
                                + "ORDER BY a.usernameKey",
                        Account.class)
                .setParameter("q", pattern(q))
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public long count(String q) {
        return em.createQuery(
                        "SELECT COUNT(a) FROM Account a WHERE a.usernameKey LIKE :q ESCAPE '\\' OR LOWER(a.email) LIKE :q ESCAPE '\\'",
                        Long.class)
                .setParameter("q", pattern(q))
                .getSingleResult();
    }

    /** A LIKE pattern matching {@code q} literally anywhere, lower-cased. */
    static String pattern(String q) {
        if (q == null || q.isBlank()) {
            return "%";
        }
        String escaped = q.trim()
                .toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
