package io.portero.accounts.control;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * At most a fixed number of password hashes at once, each costing real memory and CPU. A caller
 * that gets no slot within the wait is refused with {@link HashingCapacityExceededException}
 * ("busy, try again") rather than queueing without bound. Slots are handed out fairly.
 */
final class HashingSlots {

    private final Semaphore permits;
    private final long acquireTimeoutNanos;
    private final Runnable whileHeld;

    /**
     * @param slots how many hashes may run at once, at least 1
     * @param acquireTimeout how long a caller waits for a free slot before being refused
     * @param whileHeld runs inside every slot before the work (tests observe concurrency with it)
     */
    HashingSlots(int slots, Duration acquireTimeout, Runnable whileHeld) {
        Objects.requireNonNull(acquireTimeout, "acquireTimeout");
        if (slots < 1) {
            throw new IllegalArgumentException("maxConcurrentHashes must be at least 1");
        }
        if (acquireTimeout.isNegative()) {
            throw new IllegalArgumentException("acquireTimeout must not be negative");
        }
        this.permits = new Semaphore(slots, true);
        this.acquireTimeoutNanos = saturatedNanos(acquireTimeout);
        this.whileHeld = Objects.requireNonNull(whileHeld, "whileHeld");
    }

    <T> T run(Supplier<T> work) {
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
            whileHeld.run();
            return work.get();
        } finally {
            permits.release();
        }
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
