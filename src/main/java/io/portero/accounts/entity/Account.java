package io.portero.accounts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.text.Normalizer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A person who can log in. Usernames are unique regardless of letter case and are matched that
 * way at login, as the original application did; the spelling given at creation is kept for
 * display.
 */
@Entity
@Table(name = "account")
@NamedQuery(name = Account.FIND_BY_USERNAME, query = "SELECT a FROM Account a WHERE a.usernameKey = :key")
public class Account {

    public static final String FIND_BY_USERNAME = "Account.findByUsername";

    @Id
    private UUID id;

    @Column(nullable = false, length = 150)
    private String username;

    @Column(name = "username_key", nullable = false, length = 150)
    private String usernameKey;

    @Column(length = 254)
    private String email;

    @Column(name = "password_hash", nullable = false, length = 512)
    private String passwordHash;

    @Convert(converter = RolesConverter.class)
    @Column(nullable = false, length = 200)
    private Set<Role> roles;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "password_changed_at", nullable = false)
    private Instant passwordChangedAt;

    @Column(name = "last_login_at")
    private Instant lastLoginAt;

    protected Account() {}

    public Account(String username, String email, String passwordHash, Set<Role> roles, Instant now) {
        this.id = UUID.randomUUID();
        this.username = normalize(username);
        this.usernameKey = keyOf(username);
        this.email = email;
        this.passwordHash = passwordHash;
        this.roles = roles.isEmpty() ? EnumSet.of(Role.USER) : EnumSet.copyOf(roles);
        this.enabled = true;
        this.createdAt = now;
        this.passwordChangedAt = now;
    }

    /**
     * An account as an import row describes it: its password hash kept exactly as exported (it is
     * verified, and replaced by Portero's own, at the first login), its state, roles and dates.
     */
    public static Account imported(ImportedUser user, Instant now) {
        Account account = new Account(user.username(), user.email(), user.passwordHash(), rolesOf(user), now);
        account.enabled = user.enabled();
        account.createdAt = user.joinedAt();
        account.lastLoginAt = user.lastLoginAt();
        return account;
    }

    /**
     * Makes the account what an import row says (username spelling, email, password hash, roles,
     * enabled, joined date); the last login only ever moves forward, and the password's change date
     * only when the hash is another. Answers whether anything changed. Ending the sessions a new
     * password or a disabled account calls for is the caller's part.
     */
    public boolean updateFrom(ImportedUser user, Instant now) {
        Set<Role> newRoles = rolesOf(user);
        Instant newLastLogin = lastLoginAt == null
                        || (user.lastLoginAt() != null && user.lastLoginAt().isAfter(lastLoginAt))
                ? user.lastLoginAt()
                : lastLoginAt;
        boolean newHash = !passwordHash.equals(user.passwordHash());
        boolean changed = newHash
                || !username.equals(user.username())
                || !Objects.equals(email, user.email())
                || !roles.equals(newRoles)
                || enabled != user.enabled()
                || !sameInstant(createdAt, user.joinedAt())
                || !(Objects.equals(lastLoginAt, newLastLogin) || sameInstant(lastLoginAt, newLastLogin));
        if (!changed) {
            return false;
        }
        if (newHash) {
            changePassword(user.passwordHash(), now);
        }
        username = user.username();
        email = user.email();
        roles = EnumSet.copyOf(newRoles);
        enabled = user.enabled();
        createdAt = user.joinedAt();
        lastLoginAt = newLastLogin;
        return true;
    }

    private static Set<Role> rolesOf(ImportedUser user) {
        return user.admin() ? EnumSet.of(Role.ADMIN, Role.USER) : EnumSet.of(Role.USER);
    }

    /** The longest username and username key the database holds. */
    public static final int MAX_USERNAME_LENGTH = 150;

    /** The characters a username may hold, once normalised (the original's rule): letters, digits, {@code @ . + - _}. */
    public static final String USERNAME_PATTERN = "[\\p{L}\\p{N}@.+_-]+";

    /**
     * A username as it is stored and compared: Unicode NFKC, as Django normalises usernames, so
     * that compatibility forms such as full-width {@code ｂｏｂ} are the same name as {@code bob}.
     */
    public static String normalize(String username) {
        return Normalizer.normalize(username, Normalizer.Form.NFKC);
    }

    /**
     * The case-insensitive lookup key of a username: normalised, then lower-cased. It can be longer
     * than the name ({@code İ} lower-cases to two characters); check it against
     * {@link #MAX_USERNAME_LENGTH} before storing.
     */
    public static String keyOf(String username) {
        return normalize(username).toLowerCase(Locale.ROOT);
    }

    /**
     * Whether two instants name the same moment as the database stores it (microseconds): a value
     * read back from a {@code timestamptz} equals the one written.
     */
    public static boolean sameInstant(Instant a, Instant b) {
        return a != null && b != null && a.truncatedTo(ChronoUnit.MICROS).equals(b.truncatedTo(ChronoUnit.MICROS));
    }

    public void changePassword(String newHash, Instant now) {
        this.passwordHash = newHash;
        this.passwordChangedAt = now;
    }

    /** A session was opened for this account at {@code now}. */
    public void loggedIn(Instant now) {
        this.lastLoginAt = now;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public void setRoles(Set<Role> roles) {
        this.roles = roles.isEmpty() ? EnumSet.of(Role.USER) : EnumSet.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    public UUID id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String email() {
        return email;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Set<Role> roles() {
        return EnumSet.copyOf(roles);
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant passwordChangedAt() {
        return passwordChangedAt;
    }

    /** The last successful login, here or, for an imported account, in the application it came from; null if none. */
    public Instant lastLoginAt() {
        return lastLoginAt;
    }
}
