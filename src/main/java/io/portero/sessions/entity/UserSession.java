package io.portero.sessions.entity;

import io.portero.accounts.entity.Account;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One logged-in device of an account: created by a login, kept alive by activity, ended by a
 * logout, by the expiry rules of {@link LivenessRule}, or by a revocation. Ended sessions stay
 * as history until the retention period removes them.
 */
@Entity
@Table(name = "user_session")
@NamedQuery(
        name = UserSession.FIND_ACTIVE_BY_ACCOUNT,
        query =
                "SELECT s FROM UserSession s WHERE s.account.id = :accountId AND s.active = TRUE ORDER BY s.lastActivityAt")
@NamedQuery(
        name = UserSession.FIND_WITH_ACCOUNT,
        query = "SELECT s FROM UserSession s JOIN FETCH s.account WHERE s.id = :id")
@NamedQuery(
        name = UserSession.FIND_BY_REFRESH_HASH,
        query = "SELECT s FROM UserSession s WHERE s.refreshTokenHash = :hash")
public class UserSession {

    public static final String FIND_ACTIVE_BY_ACCOUNT = "UserSession.findActiveByAccount";
    public static final String FIND_BY_REFRESH_HASH = "UserSession.findByRefreshHash";
    public static final String FIND_WITH_ACCOUNT = "UserSession.findWithAccount";

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_id", nullable = false)
    private Account account;

    /** SHA-256 of an opaque pre-0026 refresh token until its first rotation; null for every session since. */
    @Column(name = "refresh_token_hash", length = 64)
    private String refreshTokenHash;

    /** The generation of the session's current refresh token (decision 0026). */
    @Column(name = "refresh_generation", nullable = false)
    private long refreshGeneration;

    @Column(name = "user_agent", length = 512)
    private String userAgent;

    @Column(name = "device_label", length = 100)
    private String deviceLabel;

    @Column(name = "ip_address", length = 45)
    private String ipAddress;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "last_activity_at", nullable = false)
    private Instant lastActivityAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "end_reason", length = 32)
    private EndReason endReason;

    @Column(nullable = false)
    private boolean active;

    /** Set after the login by {@code KnownDevices}, never written through the entity. */
    @Column(name = "new_device", nullable = false, updatable = false)
    private boolean newDevice;

    protected UserSession() {}

    public UserSession(Account account, Device device, Instant now) {
        this.id = UUID.randomUUID();
        this.account = account;
        this.userAgent = device.userAgent();
        this.deviceLabel = device.label();
        this.ipAddress = device.ipAddress();
        this.startedAt = now;
        this.lastActivityAt = now;
        this.active = true;
    }

    /**
     * Why this session is no longer live at {@code now}, or empty while it is. An active row past
     * its idle timeout or lifetime is already dead, whether or not the expiry timer has run.
     */
    public Optional<EndReason> deadReason(LivenessRule policy, Instant now) {
        return policy.deadReason(active, endReason, startedAt, lastActivityAt, now);
    }

    public boolean isLiveAt(LivenessRule policy, Instant now) {
        return deadReason(policy, now).isEmpty();
    }

    /** Records activity. */
    public void touch(Instant now) {
        if (now.isAfter(lastActivityAt)) {
            lastActivityAt = now;
        }
    }

    /** Ends the session once; later calls keep the first reason. */
    public boolean end(EndReason reason, Instant now) {
        if (!active) {
            return false;
        }
        active = false;
        endReason = reason;
        endedAt = now;
        return true;
    }

    /** The session's current refresh token. */
    public RefreshToken refreshToken() {
        return new RefreshToken(id, refreshGeneration);
    }

    /**
     * Rotates the refresh token: the next generation becomes current, and a pre-0026 opaque token
     * stops being looked up by its hash (the caller retires that hash). Answers the new token.
     */
    public RefreshToken rotateRefreshToken() {
        refreshGeneration++;
        refreshTokenHash = null;
        return refreshToken();
    }

    /**
     * Whether {@code presented}, a token of this session whose MAC was checked, was issued: any
     * generation up to the current one, and the next one too, which only a rotation whose commit
     * the database lost can have issued ({@link #catchUpTo}).
     */
    public boolean issued(RefreshToken presented) {
        return presented.sessionId().equals(id) && presented.generation() <= refreshGeneration + 1;
    }

    /**
     * Takes a token one generation ahead of the current one as current. Portero hands out a
     * generation only after its rotation committed; a rotation commits asynchronously (decision
     * 0027), so such a token means PostgreSQL crashed and lost that commit, and its holder is the
     * one who refreshed last. Answers whether {@code presented} was that token; any other changes
     * nothing.
     */
    public boolean catchUpTo(RefreshToken presented) {
        if (!presented.sessionId().equals(id) || presented.generation() != refreshGeneration + 1) {
            return false;
        }
        refreshGeneration = presented.generation();
        refreshTokenHash = null;
        return true;
    }

    /** When the session goes idle if it sees no more activity. */
    public Instant idleExpiresAt(LivenessRule policy) {
        return lastActivityAt.plus(policy.idleTimeout());
    }

    /** When the session reaches its absolute lifetime, whatever its activity. */
    public Instant expiresAt(LivenessRule policy) {
        return startedAt.plus(policy.maxLifetime());
    }

    public UUID id() {
        return id;
    }

    public Account account() {
        return account;
    }

    public String userAgent() {
        return userAgent;
    }

    public String deviceLabel() {
        return deviceLabel;
    }

    public String ipAddress() {
        return ipAddress;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant lastActivityAt() {
        return lastActivityAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public EndReason endReason() {
        return endReason;
    }

    public boolean isActive() {
        return active;
    }

    /** Whether the session started from a device its account had not used before. */
    public boolean isNewDevice() {
        return newDevice;
    }
}
