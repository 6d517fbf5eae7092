package io.portero.auth.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The ring of token keys: the {@link TokenSigningKey} that signs new access tokens and every key
 * that still verifies them, filled at start-up by {@link KeyRingLoader}. The public halves verify
 * Portero's own requests ({@link AccessTokenVerifier}) and are published at
 * {@code /.well-known/jwks.json} for anyone else who verifies its tokens.
 *
 * <p>A plain application-scoped bean, not the start-up EJB that loads it: every Bearer request and
 * every token issued reads the ring, and a call through the EJB container cost about 5 % of an
 * authenticated read (issue 8).
 */
@ApplicationScoped
public class KeyRing {

    private volatile TokenSigningKey signingKey;
    private volatile List<TokenSigningKey> verificationKeys = List.of();
    private volatile String jwks;

    /** The signing key first, then the others that still verify (without a repeat of it). */
    void install(TokenSigningKey signing, List<TokenSigningKey> others) {
        List<TokenSigningKey> all = new ArrayList<>();
        all.add(signing);
        others.stream().filter(k -> !k.kid().equals(signing.kid())).forEach(all::add);
        this.jwks = TokenSigningKey.jwks(all);
        this.verificationKeys = List.copyOf(all);
        this.signingKey = signing;
    }

    public TokenSigningKey signingKey() {
        return signingKey;
    }

    /** Every key that verifies access tokens, the signing key first: the keys the JWKS publishes. */
    public List<TokenSigningKey> verificationKeys() {
        return verificationKeys;
    }

    /** The public keys as a JWKS document. */
    public String jwks() {
        return jwks;
    }
}
