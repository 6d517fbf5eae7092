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
 * Fills the {@link KeyRing} at start-up, after the migrations: a key configured in the environment
 * ({@code PORTERO_TOKEN_SIGNING_KEY}, PKCS#8 PEM) wins; otherwise the key generated on the first
 * start is loaded from the database (generated and stored first if there is none), so restarts
 * and other nodes verify every token.
 */
@Singleton
@Startup
@DependsOn("Migrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class KeyRingLoader {

    private static final Logger LOG = Logger.getLogger(KeyRingLoader.class.getName());

    @Inject
    KeyRing ring;

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

    @PostConstruct
    void load() {
        try {
            if (configuredPem.filter(pem -> !pem.isBlank()).isPresent()) {
                KeyPair pair = KeyEncodings.fromPem(configuredPem.get());
                RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
                String kid = configuredKid.filter(k -> !k.isBlank()).orElse(TokenSigningKey.thumbprint(publicKey));
                ring.install(new TokenSigningKey(kid, pair.getPrivate(), publicKey), List.of());
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
            ring.install(keys.get(0), keys);
            LOG.info(() -> "Token signing key " + keys.get(0).kid() + " loaded from the database (" + keys.size()
                    + " verification key(s))");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The token signing key cannot be read: " + e.getMessage(), e);
        }
    }
}
