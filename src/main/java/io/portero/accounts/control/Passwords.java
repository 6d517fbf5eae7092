package io.portero.accounts.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The application's password hasher, configured once: Argon2id with OWASP parameters, and at most
 * {@code portero.passwords.max-concurrent-hashes} hashes at a time so a login storm queues instead
 * of exhausting memory (each Argon2id hash holds 19 MiB).
 */
@ApplicationScoped
public class Passwords {

    @Inject
    @ConfigProperty(name = "portero.passwords.max-concurrent-hashes", defaultValue = "4")
    int maxConcurrent;

    @Inject
    @ConfigProperty(name = "portero.passwords.queue-timeout", defaultValue = "PT10S")
    Duration queueTimeout;

    private PasswordHasher hasher;

    @PostConstruct
    void init() {
        hasher = new PasswordHasher(Argon2Parameters.OWASP, maxConcurrent, queueTimeout);
    }

    public String hash(String password) {
        return hasher.hash(password);
    }

    public boolean verify(String password, String encoded) {
        return hasher.verify(password, encoded);
    }

    public boolean needsRehash(String encoded) {
        return hasher.needsRehash(encoded);
    }

    /** Spends the time of one verification, so an unknown username answers as slowly as a wrong password. */
    public void burn(String password) {
        hasher.burn(password);
    }
}
