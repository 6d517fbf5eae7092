package io.portero.sessions.control;

import io.portero.sessions.entity.RefreshToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Issues and reads refresh tokens under the MAC key shared by every node ({@code refresh_token_key},
 * decision 0026). The key is read once per node, at the first token, and created by whichever node
 * needs it first.
 */
@ApplicationScoped
public class RefreshTokenKey {

    @Inject
    RefreshTokenKeyStore store;

    private volatile byte[] key;

    public String issue(RefreshToken token) {
        return RefreshTokens.format(token, key());
    }

    /** The session and generation of a token in the current format with a valid MAC; empty otherwise. */
    public Optional<RefreshToken> read(String token) {
        return RefreshTokens.read(token, key());
    }

    private byte[] key() {
        byte[] known = key;
        if (known == null) {
            synchronized (this) {
                known = key;
                if (known == null) {
                    known = store.loadOrCreate();
                    key = known;
                }
            }
        }
        return known;
    }
}
