package io.portero.accounts.control;

import io.portero.accounts.entity.HashingLane;
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
 * {@code portero.passwords.max-concurrent-hashes} hashes at a time (default: one fewer than the
 * processors, at least one) so a login storm queues instead of exhausting memory (each Argon2id
 * hash holds 19 MiB, kept between hashes once a slot has used it) and leaves a core for everything else, and at most
 * {@code portero.passwords.max-queue} callers waiting in each {@link HashingLane} (default four per
 * slot, at least 20); one more is answered 503 {@code service_busy} at once.
 *
 * <p>No hash runs, and no caller waits for a slot, inside a transaction: every method is
 * {@link TxType#NEVER}, so a caller holding a transaction (and with it a pooled database
 * connection) fails at once instead of keeping the connection for the hashing wait.
 */
@ApplicationScoped
@Transactional(TxType.NEVER)
public class Passwords {

    @Inject
    @ConfigProperty(name = "portero.passwords.max-concurrent-hashes")
    Optional<Integer> maxConcurrent;

    @Inject
    @ConfigProperty(name = "portero.passwords.max-queue")
    Optional<Integer> maxQueue;

    @Inject
    @ConfigProperty(name = "portero.passwords.queue-timeout", defaultValue = "PT10S")
    Duration queueTimeout;

    private PasswordHasher hasher;

    @PostConstruct
    void init() {
        int slots = maxConcurrent.orElse(
                PasswordHasher.defaultSlots(Runtime.getRuntime().availableProcessors()));
        hasher = new PasswordHasher(
                Argon2Parameters.OWASP, slots, maxQueue.orElse(PasswordHasher.defaultQueue(slots)), queueTimeout);
    }

    public String hash(String password, HashingLane lane) {
        return hasher.hash(password, lane);
    }

    public boolean verify(String password, String encoded, HashingLane lane) {
        return hasher.verify(password, encoded, lane);
    }

    @Transactional(TxType.SUPPORTS)
    public boolean needsRehash(String encoded) {
        return hasher.needsRehash(encoded);
    }

    /**
     * Spends the time of one verification, so an unknown username answers as slowly as a wrong
     * password (in the general lane).
     */
    public void burn(String password) {
        hasher.burn(password);
    }

    /** How many password requests wait for a hashing slot right now (a gauge for operators). */
    @Transactional(TxType.SUPPORTS)
    public int waiting() {
        return hasher.waiting();
    }

    /**
     * Whether a password request of this lane would be refused at once right now: a hint that lets
     * a flow skip the work it would do before hashing. The hash itself still decides.
     */
    @Transactional(TxType.SUPPORTS)
    public boolean isFull(HashingLane lane) {
        return hasher.isFull(lane);
    }
}
