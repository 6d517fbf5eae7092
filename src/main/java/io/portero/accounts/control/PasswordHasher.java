package io.portero.accounts.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;

/**
 * Turns passwords into stored hashes and checks a typed password against a stored hash.
 *
 * <p>New passwords are always stored as Argon2id, the memory-hard hash OWASP recommends, normally
 * with OWASP's minimum parameters (19 MiB of memory, 2 passes, 1 lane): slow and
 * memory-hungry enough that a stolen user table is costly to brute-force, cheap enough for a login
 * to stay quick. The stored text is the standard PHC string, so it carries its own salt and
 * parameters and a row written with older or other parameters still verifies.
 *
 * <p>Users migrated from the original Django application arrive with Django's
 * {@code pbkdf2_sha256$iterations$salt$hash} rows. Those are accepted so nobody has to reset a
 * password on the move, but they are never written: {@link #needsRehash} reports them (and Argon2id
 * rows with parameters other than the configured ones), and the caller re-hashes the password it
 * has just verified on that user's next successful login.
 *
 * <p>A stored hash is never trusted to be sane. Anything unparseable, of an unknown scheme, or
 * asking for absurd work (more than 1 GiB or 100 passes of Argon2, more than ten million PBKDF2
 * iterations) simply does not match, so a tampered row cannot make the server hash for minutes.
 *
 * <p>Because each hash costs real memory and CPU, at most a configured number run at once. A login
 * that cannot get a slot within the configured wait is refused with
 * {@link HashingCapacityExceededException} ("busy, try again") rather than queueing without bound.
 * An unknown user name is answered only after {@link #burn} has done the same work as checking a
 * real password, so response time does not tell which accounts exist.
 *
 * <p>Instances are immutable apart from the slot counter and safe to share between threads.
 */
public final class PasswordHasher {

    /**
     * The cost of an Argon2id hash: memory in KiB, number of passes over it, and lanes.
     *
     * @param memoryKib memory in KiB; at least 8 per lane and at most 1 GiB
     * @param iterations passes over the memory, 1 to 100
     * @param parallelism lanes, 1 to 16
     */
    public record Argon2Parameters(int memoryKib, int iterations, int parallelism) {

        /** OWASP's recommended minimum for Argon2id: m=19456 KiB, t=2, p=1. */
        public static final Argon2Parameters OWASP = new Argon2Parameters(19456, 2, 1);

        public Argon2Parameters {
            if (!withinLimits(memoryKib, iterations, parallelism)) {
                throw new IllegalArgumentException("Argon2 parameters out of range: m=" + memoryKib
                        + ", t=" + iterations + ", p=" + parallelism);
            }
        }
    }

    static final int MAX_ARGON2_MEMORY_KIB = 1024 * 1024;
    static final int MAX_ARGON2_ITERATIONS = 100;
    static final int MAX_ARGON2_PARALLELISM = 16;
    static final int MAX_PBKDF2_ITERATIONS = 10_000_000;

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int MIN_STORED_SALT_BYTES = 8;
    private static final int MIN_STORED_HASH_BYTES = 16;
    private static final int MAX_STORED_BYTES = 64;
    private static final int PBKDF2_HASH_BYTES = 32;

    private static final int ARGON2_ID_TYPE =
            org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id;
    private static final int ARGON2_VERSION_13 =
            org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13;
    private static final String ARGON2ID = "argon2id";
    private static final String ARGON2_VERSION = "v=19";
    private static final String PBKDF2_SHA256 = "pbkdf2_sha256";

    private static final Base64.Encoder PHC_ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final Argon2Parameters params;
    private final Semaphore permits;
    private final long acquireTimeoutNanos;
    private final Runnable whilePermitHeld;
    private final SecureRandom random = new SecureRandom();
    private final String dummyHash;

    /**
     * @param params the Argon2id cost for new hashes, usually {@link Argon2Parameters#OWASP}
     * @param maxConcurrentHashes how many hashes may run at once, at least 1
     * @param acquireTimeout how long a caller waits for a free slot before being refused
     */
    public PasswordHasher(Argon2Parameters params, int maxConcurrentHashes,
            Duration acquireTimeout) {
        this(params, maxConcurrentHashes, acquireTimeout, () -> { });
    }

    /** As the public one; {@code whilePermitHeld} runs inside every slot, before the hash. */
    PasswordHasher(Argon2Parameters params, int maxConcurrentHashes, Duration acquireTimeout,
            Runnable whilePermitHeld) {
        this.params = Objects.requireNonNull(params, "params");
        Objects.requireNonNull(acquireTimeout, "acquireTimeout");
        if (maxConcurrentHashes < 1) {
            throw new IllegalArgumentException("maxConcurrentHashes must be at least 1");
        }
        if (acquireTimeout.isNegative()) {
            throw new IllegalArgumentException("acquireTimeout must not be negative");
        }
        this.permits = new Semaphore(maxConcurrentHashes, true);
        this.acquireTimeoutNanos = saturatedNanos(acquireTimeout);
        this.whilePermitHeld = Objects.requireNonNull(whilePermitHeld, "whilePermitHeld");
        this.dummyHash = encodeArgon2(params, randomBytes(SALT_BYTES), randomBytes(HASH_BYTES));
    }

    /**
     * Hashes a new password as an Argon2id PHC string with a fresh random salt and the configured
     * parameters, e.g. {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}.
     *
     * @throws IllegalArgumentException if the password is null or blank, which could never verify
     * @throws HashingCapacityExceededException if no hashing slot came free in time
     */
    public String hash(String password) {
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("password must not be blank");
        }
        byte[] salt = randomBytes(SALT_BYTES);
        byte[] digest = withPermit(() -> argon2(password, salt, params, HASH_BYTES));
        try {
            return encodeArgon2(params, salt, digest);
        } finally {
            Arrays.fill(digest, (byte) 0);
        }
    }

    /**
     * Tells whether the password matches the stored hash, an Argon2id PHC string with any sane
     * parameters or a Django {@code pbkdf2_sha256} string. A null or blank password, and a stored
     * hash that is missing, malformed, of another scheme or asks for absurd work, never match.
     *
     * @throws HashingCapacityExceededException if no hashing slot came free in time
     */
    public boolean verify(String password, String encoded) {
        if (password == null || password.isBlank() || encoded == null || encoded.isBlank()) {
            return false;
        }
        Argon2Hash argon2 = parseArgon2(encoded);
        if (argon2 != null) {
            return matches(argon2.hash(),
                    () -> argon2(password, argon2.salt(), argon2.params(), argon2.hash().length));
        }
        Pbkdf2Hash pbkdf2 = parsePbkdf2(encoded);
        if (pbkdf2 != null) {
            return matches(pbkdf2.hash(),
                    () -> pbkdf2(password, pbkdf2.salt(), pbkdf2.iterations()));
        }
        return false;
    }

    /**
     * Tells whether a stored hash should be replaced by a fresh {@link #hash} once the password is
     * known: true for Django PBKDF2 rows, for Argon2id rows whose memory, passes or lanes differ
     * from the configured ones (or whose salt is shorter or output length other than ours), and for
     * anything else that is not a usable Argon2id string.
     */
    public boolean needsRehash(String encoded) {
        Argon2Hash parsed = parseArgon2(encoded);
        return parsed == null
                || !parsed.params().equals(params)
                || parsed.salt().length < SALT_BYTES
                || parsed.hash().length != HASH_BYTES;
    }

    /**
     * Does the work of one {@link #verify} against an Argon2id hash with the configured parameters
     * that no password matches, so a login for an unknown user takes as long as one for a real
     * user.
     *
     * @throws HashingCapacityExceededException if no hashing slot came free in time
     */
    public void burn(String password) {
        verify(password, dummyHash);
    }

    private boolean matches(byte[] expected, Supplier<byte[]> derivation) {
        return withPermit(() -> {
            byte[] actual = derivation.get();
            try {
                return MessageDigest.isEqual(expected, actual);
            } finally {
                Arrays.fill(actual, (byte) 0);
            }
        });
    }

    private <T> T withPermit(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(acquireTimeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HashingCapacityExceededException();
        }
        if (!acquired) {
            throw new HashingCapacityExceededException();
        }
        try {
            whilePermitHeld.run();
            return work.get();
        } finally {
            permits.release();
        }
    }

    private static byte[] argon2(String password, byte[] salt, Argon2Parameters cost, int length) {
        org.bouncycastle.crypto.params.Argon2Parameters spec =
                new org.bouncycastle.crypto.params.Argon2Parameters.Builder(ARGON2_ID_TYPE)
                        .withVersion(ARGON2_VERSION_13)
                        .withSalt(salt)
                        .withMemoryAsKB(cost.memoryKib())
                        .withIterations(cost.iterations())
                        .withParallelism(cost.parallelism())
                        .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(spec);
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[length];
        try {
            generator.generateBytes(secret, out);
            return out;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** The JDK's PBKDF2 encodes the password as UTF-8, as Django does, and is the fastest here. */
    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        char[] secret = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(secret, salt, iterations, PBKDF2_HASH_BYTES * 8);
        try {
            SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            return factory.generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is unavailable", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(secret, '\0');
        }
    }

    private record Argon2Hash(Argon2Parameters params, byte[] salt, byte[] hash) {
    }

    private record Pbkdf2Hash(int iterations, byte[] salt, byte[] hash) {
    }

    private static Argon2Hash parseArgon2(String encoded) {
        if (encoded == null || !encoded.startsWith("$" + ARGON2ID + "$")) {
            return null;
        }
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 6 || !ARGON2_VERSION.equals(parts[2])) {
            return null;
        }
        String[] costs = parts[3].split(",", -1);
        if (costs.length != 3) {
            return null;
        }
        int memory = named("m=", costs[0], MAX_ARGON2_MEMORY_KIB);
        int iterations = named("t=", costs[1], MAX_ARGON2_ITERATIONS);
        int lanes = named("p=", costs[2], MAX_ARGON2_PARALLELISM);
        if (!withinLimits(memory, iterations, lanes)) {
            return null;
        }
        byte[] salt = unpaddedBase64(parts[4]);
        byte[] hash = unpaddedBase64(parts[5]);
        if (!lengthWithin(salt, MIN_STORED_SALT_BYTES)
                || !lengthWithin(hash, MIN_STORED_HASH_BYTES)) {
            return null;
        }
        return new Argon2Hash(new Argon2Parameters(memory, iterations, lanes), salt, hash);
    }

    private static Pbkdf2Hash parsePbkdf2(String encoded) {
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 4 || !PBKDF2_SHA256.equals(parts[0]) || parts[2].isEmpty()) {
            return null;
        }
        int iterations = decimal(parts[1], MAX_PBKDF2_ITERATIONS);
        byte[] hash = base64(parts[3]);
        if (iterations < 1 || hash == null || hash.length != PBKDF2_HASH_BYTES) {
            return null;
        }
        return new Pbkdf2Hash(iterations, parts[2].getBytes(StandardCharsets.UTF_8), hash);
    }

    private static boolean withinLimits(int memoryKib, int iterations, int parallelism) {
        return parallelism >= 1 && parallelism <= MAX_ARGON2_PARALLELISM
                && iterations >= 1 && iterations <= MAX_ARGON2_ITERATIONS
                && memoryKib >= 8 * parallelism && memoryKib <= MAX_ARGON2_MEMORY_KIB;
    }

    private static int named(String prefix, String text, int max) {
        return text.startsWith(prefix) ? decimal(text.substring(prefix.length()), max) : -1;
    }

    /** A plain positive decimal no greater than {@code max}, or -1. */
    private static int decimal(String text, int max) {
        if (text.isEmpty() || text.length() > 10) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value >= 1 && value <= max ? (int) value : -1;
    }

    private static boolean lengthWithin(byte[] bytes, int min) {
        return bytes != null && bytes.length >= min && bytes.length <= MAX_STORED_BYTES;
    }

    private static byte[] unpaddedBase64(String text) {
        return text.indexOf('=') >= 0 ? null : base64(text);
    }

    private static byte[] base64(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String encodeArgon2(Argon2Parameters cost, byte[] salt, byte[] hash) {
        return "$" + ARGON2ID + "$" + ARGON2_VERSION
                + "$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + PHC_ENCODER.encodeToString(salt) + "$" + PHC_ENCODER.encodeToString(hash);
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
