package io.portero.accounts.control;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * At most a fixed number of password hashes at once, each costing real memory and CPU, and at most
 * a fixed number of callers waiting for one. A caller that finds the queue full is refused at once
 * with {@link HashingCapacityExceededException} ("busy, try again"), so a flood of logins cannot
 * park every HTTP worker thread here; a caller that queued but got no slot within the wait is
 * refused the same way. Slots are handed out fairly.
 */
final class HashingSlots {

    private final Semaphore permits;
    private final long acquireTimeoutNanos;
    private final int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Runnable whileHeld;

    /**
     * @param slots how many hashes may run at once, at least 1
     * @param maxWaiting how many callers may wait for a slot at once, at least 0
     * @param acquireTimeout how long a caller waits for a free slot before being refused
     * @param whileHeld runs inside every slot before the work (tests observe concurrency with it)
     */
    HashingSlots(int slots, int maxWaiting, Duration acquireTimeout, Runnable whileHeld) {
        Objects.requireNonNull(acquireTimeout, "acquireTimeout");
        if (slots < 1) {
            throw new IllegalArgumentException("maxConcurrentHashes must be at least 1");
        }
        if (maxWaiting < 0) {
            throw new IllegalArgumentException("maxQueue must not be negative");
        }
        if (acquireTimeout.isNegative()) {
            throw new IllegalArgumentException("acquireTimeout must not be negative");
        }
        this.permits = new Semaphore(slots, true);
        this.maxWaiting = maxWaiting;
        this.acquireTimeoutNanos = saturatedNanos(acquireTimeout);
        this.whileHeld = Objects.requireNonNull(whileHeld, "whileHeld");
    }

    /** How many callers wait for a slot right now (not counting those hashing). */
    int waiting() {
        return waiting.get();
    }

    <T> T run(Supplier<T> work) {
        if (Thread.currentThread().isInterrupted()) {
            throw new HashingCapacityExceededException();
        }
        if (!permits.tryAcquire()) {
            awaitSlot();
        }
        try {
            whileHeld.run();
            return work.get();
        } finally {
            permits.release();
        }
    }

    private void awaitSlot() {
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            throw new HashingCapacityExceededException();
        }
        boolean acquired;
        try {
            acquired = permits.tryAcquire(acquireTimeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HashingCapacityExceededException();
        } finally {
            waiting.decrementAndGet();
        }
        if (!acquired) {
            throw new HashingCapacityExceededException();
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
