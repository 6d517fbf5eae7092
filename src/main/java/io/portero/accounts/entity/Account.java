package io.portero.accounts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
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

    protected Account() {
    }

    public Account(String username, String email, String passwordHash, Set<Role> roles, Instant now) {
        this.id = UUID.randomUUID();
        this.username = username;
        this.usernameKey = keyOf(username);
        this.email = email;
        this.passwordHash = passwordHash;
        this.roles = roles.isEmpty() ? EnumSet.of(Role.USER) : EnumSet.copyOf(roles);
        this.enabled = true;
        this.createdAt = now;
        this.passwordChangedAt = now;
    }

    /** The case-insensitive lookup key of a username. */
    public static String keyOf(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    public void changePassword(String newHash, Instant now) {
        this.passwordHash = newHash;
        this.passwordChangedAt = now;
    }

    /** Replaces a legacy or weaker hash of the same password; not a password change. */
    public void upgradeHash(String newHash) {
        this.passwordHash = newHash;
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
}
