package io.portero.sessions.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.portero.sessions.entity.AdmittedSession;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's view of live sessions: session id to the session as last admitted from the database,
 * bounded in size, each entry forgotten an idle timeout after it was written. The view is only
 * <em>trusted</em> while the node hears every end of a session (its listener is connected); an
 * untrusted view answers nothing, so every request goes to the database.
 *
 * <p>Every eviction advances a stamp. A request that read the database puts its result only if no
 * eviction happened since it took the stamp before the read: a session ended while the read was
 * under way is never put back.
 */
public class LiveSessionCache {

    private final Cache<UUID, AdmittedSession> entries;
    private final AtomicLong evictions = new AtomicLong();
    private volatile boolean trusted;
    private volatile long trustedUntilNanos;

    public LiveSessionCache(long maxSize, Duration expireAfterWrite, Ticker ticker) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfterWrite(expireAfterWrite)
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    public LiveSessionCache(long maxSize, Duration expireAfterWrite) {
        this(maxSize, expireAfterWrite, Ticker.systemTicker());
    }

    /** The session if the view is trusted and holds it; {@code null} otherwise. */
    public AdmittedSession get(UUID sessionId) {
        return isTrusted() ? entries.getIfPresent(sessionId) : null;
    }

    /** The stamp to take before reading the database, for {@link #put}. */
    public long stamp() {
        return evictions.get();
    }

    /** Keeps a session read from the database, unless something was evicted since {@code stamp}. */
    public boolean put(AdmittedSession session, long stamp) {
        if (!isTrusted() || evictions.get() != stamp) {
            return false;
        }
        entries.put(session.id(), session);
        if (evictions.get() != stamp) {
            entries.invalidate(session.id());
            return false;
        }
        return true;
    }

    /** Forgets one session (it ended). */
    public void evict(UUID sessionId) {
        evictions.incrementAndGet();
        entries.invalidate(sessionId);
    }

    /** Forgets every session of an account (its sessions ended, or its roles or state changed). */
    public void evictAccount(UUID accountId) {
        evictions.incrementAndGet();
        entries.asMap().values().removeIf(session -> session.accountId().equals(accountId));
    }

    /** Forgets every session. */
    public void clear() {
        evictions.incrementAndGet();
        entries.invalidateAll();
    }

    /**
     * Starts trusting the view again, empty, for {@code lease}: the node hears every end of a
     * session from now on, as long as it confirms so ({@link #renew}) before the lease runs out.
     */
    public void trust(Duration lease) {
        clear();
        renew(lease);
        trusted = true;
    }

    /** The node still hears every end of a session: the view stays trusted for {@code lease} from now. */
    public void renew(Duration lease) {
        trustedUntilNanos = System.nanoTime() + lease.toNanos();
    }

    /** Stops trusting the view (the node may miss ends of sessions) and empties it. */
    public void distrust() {
        trusted = false;
        clear();
    }

    /** Whether the view may answer: trusted, and its lease not run out. */
    public boolean isTrusted() {
        return trusted && System.nanoTime() - trustedUntilNanos < 0;
    }

    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
