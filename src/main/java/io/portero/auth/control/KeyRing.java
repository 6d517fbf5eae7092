package io.portero.auth.control;

import io.portero.auth.entity.StoredSigningKey;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The ring of token keys: the {@link TokenSigningKey} that signs new access tokens and every key
 * that still verifies them. A key configured in the environment
 * ({@code PORTERO_TOKEN_SIGNING_KEY}, PKCS#8 PEM) wins; otherwise the key generated on the first
 * start is loaded from the database, so restarts and other nodes verify every token. The public
 * halves verify Portero's own requests ({@link AccessTokenVerifier}) and are published at
 * {@code /.well-known/jwks.json} for anyone else who verifies its tokens.
 */
@Singleton
@Startup
@DependsOn("Migrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class KeyRing {

    private static final Logger LOG = Logger.getLogger(KeyRing.class.getName());

    @Inject
    SigningKeyStore store;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "portero.token.signing-key")
    Optional<String> configuredPem;

    @Inject
    @ConfigProperty(name = "portero.token.signing-key-id")
    Optional<String> configuredKid;

    private volatile TokenSigningKey signingKey;
    private volatile List<TokenSigningKey> verificationKeys = List.of();
    private volatile String jwks;

    @PostConstruct
    void load() {
        try {
            if (configuredPem.filter(pem -> !pem.isBlank()).isPresent()) {
                KeyPair pair = KeyEncodings.fromPem(configuredPem.get());
                RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
                String kid = configuredKid.filter(k -> !k.isBlank()).orElse(TokenSigningKey.thumbprint(publicKey));
                install(new TokenSigningKey(kid, pair.getPrivate(), publicKey), List.of());
                LOG.info(() -> "Token signing key from the environment, kid " + kid);
                return;
            }
            List<StoredSigningKey> stored = store.current();
            if (stored.isEmpty()) {
                try {
                    store.create(1, clock);
                    LOG.info("Generated the first token signing key and stored it in the database");
                } catch (RuntimeException anotherNodeWasFirst) {
                    LOG.info("Another node stored the first signing key first; using that one");
                }
                stored = store.current();
                if (stored.isEmpty()) {
                    throw new IllegalStateException("No token signing key could be created in the database");
                }
            }
            List<TokenSigningKey> keys = new ArrayList<>();
            for (StoredSigningKey key : stored) {
                keys.add(new TokenSigningKey(
                        key.kid(),
                        KeyEncodings.privateKeyFromBase64(key.privateKey()),
                        KeyEncodings.publicKeyFromBase64(key.publicKey())));
            }
            install(keys.get(0), keys);
            LOG.info(() -> "Token signing key " + signingKey.kid() + " loaded from the database (" + keys.size()
                    + " verification key(s))");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The token signing key cannot be read: " + e.getMessage(), e);
        }
    }

    private void install(TokenSigningKey signing, List<TokenSigningKey> others) {
        List<TokenSigningKey> all = new ArrayList<>();
        all.add(signing);
        others.stream().filter(k -> !k.kid().equals(signing.kid())).forEach(all::add);
        this.signingKey = signing;
        this.verificationKeys = List.copyOf(all);
        this.jwks = TokenSigningKey.jwks(all);
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
