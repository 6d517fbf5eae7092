package io.portero.accounts.control;

import io.portero.accounts.entity.HashingCapacityExceededException;
import io.portero.accounts.entity.HashingLane;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns passwords into stored hashes and checks a typed password against a stored hash.
 *
 * <p>New passwords are always stored as Argon2id, the memory-hard hash OWASP recommends, normally
 * with OWASP's minimum parameters (19 MiB of memory, 2 passes, 1 lane): slow and
 * memory-hungry enough that a stolen user table is costly to brute-force, cheap enough for a login
 * to stay quick. The stored text is the standard PHC string, so it carries its own salt and
 * parameters and a row written with older or other parameters still verifies.
 *
 * <p>Users migrated from the original Django application arrive with Django's rows:
 * {@code pbkdf2_sha256$iterations$salt$hash}, {@code argon2$argon2id$…} and
 * {@code bcrypt_sha256$$2b$…}. Those are accepted so nobody has to reset a password on the move,
 * but they are never written: {@link #needsRehash} reports them (and Argon2id rows with parameters
 * other than the configured ones), and the caller re-hashes the password it has just verified on
 * that user's next successful login. Django's unusable passwords ({@code !} and random text, set by
 * {@code set_unusable_password}) are kept as they are and match nothing, after the same work as an
 * unknown user's login, so they cannot be told apart by time either.
 *
 * <p>A stored hash is never trusted to be sane. Anything unparseable, of an unknown scheme, or
 * asking for absurd work (more than 1 GiB or 100 passes of Argon2, more than ten million PBKDF2
 * iterations) simply does not match, so a tampered row cannot make the server hash for minutes.
 *
 * <p>Because each hash costs real memory and CPU, at most a configured number run at once. A caller
 * waits for a slot in a {@link HashingLane}: the general one, or the priority one for callers a
 * flood cannot imitate, served first. A caller that finds too many others already waiting in its
 * lane, or cannot get a slot within the configured wait, is refused with
 * {@link HashingCapacityExceededException} ("busy, try again") rather than queueing without bound.
 * The methods without a lane use the general one. An unknown user name is answered only after {@link #burn} has done the same work as checking a
 * real password, so response time does not tell which accounts exist.
 *
 * <p>The formats are {@link Argon2idHash}, {@link DjangoPbkdf2Hash} and {@link DjangoBcryptSha256Hash}
 * ({@link #formatOf} names them); the limit on hashes at once
 * is {@link HashingSlots}; Argon2id itself is {@link Argon2id}, which keeps one memory per slot for
 * hashes with the configured parameters (19 MiB each with OWASP's, for the life of the instance)
 * instead of allocating it for every hash. Instances are immutable apart from the slot counter and
 * the kept memories, and safe to share between threads.
 */
public final class PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final Argon2Parameters params;
    private final HashingSlots slots;
    private final Argon2id argon2id;
    private final SecureRandom random = new SecureRandom();
    private final String dummyHash;

    /**
     * @param params the Argon2id cost for new hashes, usually {@link Argon2Parameters#OWASP}
     * @param maxConcurrentHashes how many hashes may run at once, at least 1
     * @param acquireTimeout how long a caller waits for a free slot before being refused
     */
    public PasswordHasher(Argon2Parameters params, int maxConcurrentHashes, Duration acquireTimeout) {
        this(params, maxConcurrentHashes, defaultQueue(maxConcurrentHashes), acquireTimeout);
    }

    /**
     * @param maxQueue how many callers may wait for a slot in each lane; one more is refused at once
     */
    public PasswordHasher(Argon2Parameters params, int maxConcurrentHashes, int maxQueue, Duration acquireTimeout) {
        this(params, maxConcurrentHashes, maxQueue, acquireTimeout, () -> {});
    }

    /** As the public one; {@code whilePermitHeld} runs inside every slot, before the hash. */
    PasswordHasher(
            Argon2Parameters params, int maxConcurrentHashes, Duration acquireTimeout, Runnable whilePermitHeld) {
        this(params, maxConcurrentHashes, defaultQueue(maxConcurrentHashes), acquireTimeout, whilePermitHeld);
    }

    PasswordHasher(
            Argon2Parameters params,
            int maxConcurrentHashes,
            int maxQueue,
            Duration acquireTimeout,
            Runnable whilePermitHeld) {
        this.params = Objects.requireNonNull(params, "params");
        this.slots = new HashingSlots(maxConcurrentHashes, maxQueue, acquireTimeout, whilePermitHeld);
        this.argon2id = new Argon2id(params, maxConcurrentHashes);
        this.dummyHash = new Argon2idHash(params, randomBytes(SALT_BYTES), randomBytes(HASH_BYTES)).encode();
    }

    /**
     * The default number of hashes at once: one fewer than the processors, at least one, so that
     * hashing never takes the last core from everything else the server does (reading sessions,
     * refusing surplus logins).
     */
    public static int defaultSlots(int availableProcessors) {
        return Math.max(1, availableProcessors - 1);
    }

    /**
     * The default queue of each lane: four waiters per slot, and at least {@value #MIN_DEFAULT_QUEUE}
     * so that a burst of logins (a class signing in at once) waits a second or two on a small
     * machine instead of being refused.
     */
    public static int defaultQueue(int maxConcurrentHashes) {
        return Math.max(MIN_DEFAULT_QUEUE, Math.max(0, maxConcurrentHashes) * 4);
    }

    /** The smallest default queue per lane. */
    public static final int MIN_DEFAULT_QUEUE = 20;

    /** How many callers wait for a hashing slot right now, in both lanes. */
    public int waiting() {
        return slots.waiting();
    }

    /**
     * Whether a caller of this lane would be refused at once right now (no slot free, its queue
     * full): lets a caller skip work before hashing that would be wasted. Only a hint; the hash
     * itself decides.
     */
    public boolean isFull(HashingLane lane) {
        return slots.isFull(lane);
    }

    /**
     * Hashes a new password as an Argon2id PHC string with a fresh random salt and the configured
     * parameters, e.g. {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}.
     *
     * @throws IllegalArgumentException if the password is null or blank, which could never verify
     * @throws HashingCapacityExceededException if no hashing slot came free in time
     */
    public String hash(String password) {
        return hash(password, HashingLane.GENERAL);
    }

    /** As {@link #hash(String)}, waiting for a slot in the given lane. */
    public String hash(String password, HashingLane lane) {
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("password must not be blank");
        }
        byte[] salt = randomBytes(SALT_BYTES);
        byte[] digest = slots.run(lane, () -> Argon2idHash.derive(argon2id, password, salt, params, HASH_BYTES));
        try {
            return new Argon2idHash(params, salt, digest).encode();
        } finally {
            Arrays.fill(digest, (byte) 0);
        }
    }

    /** The kinds of stored password an account may hold. */
    public enum Format {
        /** Portero's own: {@code $argon2id$v=19$…}. */
        ARGON2ID,
        /** Django's {@code pbkdf2_sha256$…}. */
        DJANGO_PBKDF2_SHA256,
        /** Django's {@code argon2$argon2id$v=19$…}. */
        DJANGO_ARGON2ID,
        /** Django's {@code bcrypt_sha256$$2b$…}. */
        DJANGO_BCRYPT_SHA256,
        /** Django's unusable password, {@code !} and anything: nothing logs in until a password is set. */
        UNUSABLE
    }

    /** The prefix of Django's unusable passwords ({@code UNUSABLE_PASSWORD_PREFIX}). */
    public static final String UNUSABLE_PREFIX = "!";

    /**
     * The format of a stored password, or empty when it is none that {@link #verify} accepts (an
     * unknown scheme such as Django's {@code md5$} or {@code bcrypt$}, a malformed string, or one
     * asking for absurd work). Parses only: no hashing.
     */
    public static Optional<Format> formatOf(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return Optional.empty();
        }
        if (encoded.startsWith(UNUSABLE_PREFIX)) {
            return Optional.of(Format.UNUSABLE);
        }
        if (Argon2idHash.parse(encoded) != null) {
            return Optional.of(Format.ARGON2ID);
        }
        if (Argon2idHash.parseDjango(encoded) != null) {
            return Optional.of(Format.DJANGO_ARGON2ID);
        }
        if (DjangoBcryptSha256Hash.parse(encoded) != null) {
            return Optional.of(Format.DJANGO_BCRYPT_SHA256);
        }
        if (DjangoPbkdf2Hash.parse(encoded) != null) {
            return Optional.of(Format.DJANGO_PBKDF2_SHA256);
        }
        return Optional.empty();
    }

    /**
     * Tells whether the password matches the stored hash: an Argon2id PHC string with any sane
     * parameters, or a Django {@code pbkdf2_sha256}, {@code argon2$argon2id} or
     * {@code bcrypt_sha256} string. A null or blank password, and a stored hash that is missing,
     * malformed, of another scheme or asks for absurd work, never match. An unusable password
     * ({@code !…}) never matches either, but only after the work of {@link #burn}.
     *
     * @throws HashingCapacityExceededException if no hashing slot came free in time
     */
    public boolean verify(String password, String encoded) {
        return verify(password, encoded, HashingLane.GENERAL);
    }

    /** As {@link #verify(String, String)}, waiting for a slot in the given lane. */
    public boolean verify(String password, String encoded, HashingLane lane) {
        if (password == null || password.isBlank() || encoded == null || encoded.isBlank()) {
            return false;
        }
        Argon2idHash parsed = Argon2idHash.parse(encoded);
        Argon2idHash argon2 = parsed != null ? parsed : Argon2idHash.parseDjango(encoded);
        if (argon2 != null) {
            return matches(
                    lane,
                    argon2.hash(),
                    () -> Argon2idHash.derive(
                            argon2id, password, argon2.salt(), argon2.params(), argon2.hash().length));
        }
        DjangoPbkdf2Hash pbkdf2 = DjangoPbkdf2Hash.parse(encoded);
        if (pbkdf2 != null) {
            return matches(lane, pbkdf2.hash(), () -> pbkdf2.derive(password));
        }
        DjangoBcryptSha256Hash bcrypt = DjangoBcryptSha256Hash.parse(encoded);
        if (bcrypt != null) {
            return slots.run(lane, () -> bcrypt.matches(password));
        }
        if (encoded.startsWith(UNUSABLE_PREFIX)) {
            burn(password);
        }
        return false;
    }

    /**
     * Tells whether a stored hash should be replaced by a fresh {@link #hash} once the password is
     * known: true for every Django row, for Argon2id rows whose memory, passes or lanes differ
     * from the configured ones (or whose salt is shorter or output length other than ours), and for
     * anything else that is not a usable Argon2id string.
     */
    public boolean needsRehash(String encoded) {
        Argon2idHash parsed = Argon2idHash.parse(encoded);
        return parsed == null
                || !parsed.params().equals(params)
                || parsed.salt().length < SALT_BYTES
                || parsed.hash().length != HASH_BYTES;
    }

    /**
     * Does the work of one {@link #verify} against an Argon2id hash with the configured parameters
     * that no password matches, so a login for an unknown user takes as long as one for a real
     * user. Always in the general lane: a name without an account is nobody the priority lane is for.
     *
     * @throws HashingCapacityExceededException if no hashing slot came free in time
     */
    public void burn(String password) {
        verify(password, dummyHash, HashingLane.GENERAL);
    }

    private boolean matches(HashingLane lane, byte[] expected, Supplier<byte[]> derivation) {
        return slots.run(lane, () -> {
            byte[] actual = derivation.get();
            try {
                return MessageDigest.isEqual(expected, actual);
            } finally {
                Arrays.fill(actual, (byte) 0);
            }
        });
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
