package io.portero.accounts.control;

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

    static final int MAX_MEMORY_KIB = 1024 * 1024;
    static final int MAX_ITERATIONS = 100;
    static final int MAX_PARALLELISM = 16;

    public Argon2Parameters {
        if (!withinLimits(memoryKib, iterations, parallelism)) {
            throw new IllegalArgumentException(
                    "Argon2 parameters out of range: m=" + memoryKib + ", t=" + iterations + ", p=" + parallelism);
        }
    }

    /** Whether the cost is sane: a stored hash asking for more is never computed. */
    static boolean withinLimits(int memoryKib, int iterations, int parallelism) {
        return parallelism >= 1
                && parallelism <= MAX_PARALLELISM
                && iterations >= 1
                && iterations <= MAX_ITERATIONS
                && memoryKib >= 8 * parallelism
                && memoryKib <= MAX_MEMORY_KIB;
    }
}
