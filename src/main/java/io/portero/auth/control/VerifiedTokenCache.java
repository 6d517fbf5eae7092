package io.portero.auth.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.portero.auth.control.AccessTokenVerifier.VerifiedToken;
import java.time.Duration;
import java.util.List;

/**
 * Access tokens this node has verified, keyed by the whole token text, so that a token presented
 * again (every request of a client until its next refresh) is neither parsed nor verified again.
 * An entry counts only for the key ring it was verified with: once the ring changes, every token
 * is verified afresh. The time checks ({@code exp}, {@code iat}) are not cached; the caller applies
 * them to each hit. Only tokens that passed verification are ever put, so the whole text, not a
 * part of it, is the key: a valid signature pasted onto other claims is another key.
 */
final class VerifiedTokenCache {

    private record Entry(VerifiedToken token, List<TokenSigningKey> ring) {}

    private final Cache<String, Entry> entries;

    VerifiedTokenCache(long maxSize, Duration keep, Ticker ticker) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfterWrite(keep)
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    VerifiedTokenCache(long maxSize, Duration keep) {
        this(maxSize, keep, Ticker.systemTicker());
    }

    /** The token's verified claims, if it was verified with this very ring; null otherwise. */
    VerifiedToken get(String token, List<TokenSigningKey> ring) {
        Entry entry = entries.getIfPresent(token);
        return entry != null && entry.ring() == ring ? entry.token() : null;
    }

    void put(String token, List<TokenSigningKey> ring, VerifiedToken verified) {
        entries.put(token, new Entry(verified, ring));
    }

    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
