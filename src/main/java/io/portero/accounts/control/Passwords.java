package io.portero.accounts.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The application's password hasher, configured once: Argon2id with OWASP parameters, at most
 * {@code portero.passwords.max-concurrent-hashes} hashes at a time so a login storm queues instead
 * of exhausting memory (each Argon2id hash holds 19 MiB), and at most
 * {@code portero.passwords.max-queue} callers waiting (default four per slot); one more is answered
 * 503 {@code service_busy} at once.
 *
 * <p>No hash runs, and no caller waits for a slot, inside a transaction: every method is
 * {@link TxType#NEVER}, so a caller holding a transaction (and with it a pooled database
 * connection) fails at once instead of keeping the connection for the hashing wait.
 */
@ApplicationScoped
@Transactional(TxType.NEVER)
public class Passwords {

    @Inject
    @ConfigProperty(name = "portero.passwords.max-concurrent-hashes", defaultValue = "4")
    int maxConcurrent;

    @Inject
    @ConfigProperty(name = "portero.passwords.max-queue")
    Optional<Integer> maxQueue;

    @Inject
    @ConfigProperty(name = "portero.passwords.queue-timeout", defaultValue = "PT10S")
    Duration queueTimeout;

    private PasswordHasher hasher;

    @PostConstruct
    void init() {
        hasher = new PasswordHasher(
                Argon2Parameters.OWASP,
                maxConcurrent,
                maxQueue.orElse(PasswordHasher.defaultQueue(maxConcurrent)),
                queueTimeout);
    }

    public String hash(String password) {
        return hasher.hash(password);
    }

    public boolean verify(String password, String encoded) {
        return hasher.verify(password, encoded);
    }

    @Transactional(TxType.SUPPORTS)
    public boolean needsRehash(String encoded) {
        return hasher.needsRehash(encoded);
    }

    /** Spends the time of one verification, so an unknown username answers as slowly as a wrong password. */
    public void burn(String password) {
        hasher.burn(password);
    }

    /** How many password requests wait for a hashing slot right now (a gauge for operators). */
    @Transactional(TxType.SUPPORTS)
    public int waiting() {
        return hasher.waiting();
    }
}
