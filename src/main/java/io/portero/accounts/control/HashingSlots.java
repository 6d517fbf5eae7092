package io.portero.accounts.control;

import io.portero.accounts.entity.HashingCapacityExceededException;
import io.portero.accounts.entity.HashingLane;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * At most a fixed number of password hashes at once, each costing real memory and CPU, and at most
 * a fixed number of callers waiting for one in each {@link HashingLane}. A caller whose lane is
 * full is refused at once with {@link HashingCapacityExceededException} ("busy, try again"), so a
 * flood of logins cannot park every HTTP worker thread here; a caller that queued but got no slot
 * within the wait is refused the same way.
 *
 * <p>A slot that comes free goes to the longest-waiting caller of the priority lane, and only when
 * that lane is empty to the longest-waiting caller of the general lane: first come, first served
 * within a lane, and no newcomer takes a slot while anyone waits. A priority caller that finds its
 * own queue full may still wait in the general one. The general lane can therefore wait behind a
 * steady stream of priority callers; those are people the flood cannot imitate, few by nature.
 *
 * <p>Whatever happens to a caller (its work throws, it is interrupted while waiting, its wait
 * ends just as a slot is handed to it), the slot and the queue place it held are given back.
 */
final class HashingSlots {

    private final ReentrantLock lock = new ReentrantLock();
    private final Deque<Waiter> priority = new ArrayDeque<>();
    private final Deque<Waiter> general = new ArrayDeque<>();
    private final int maxWaiting;
    private final long acquireTimeoutNanos;
    private final Runnable whileHeld;
    private final Consumer<Thread> onHandOver;
    private int free;

    /**
     * @param slots how many hashes may run at once, at least 1
     * @param maxWaiting how many callers may wait for a slot at once in each lane, at least 0
     * @param acquireTimeout how long a caller waits for a free slot before being refused
     * @param whileHeld runs inside every slot before the work (tests observe concurrency with it)
     */
    HashingSlots(int slots, int maxWaiting, Duration acquireTimeout, Runnable whileHeld) {
        this(slots, maxWaiting, acquireTimeout, whileHeld, waiter -> {});
    }

    /**
     * As the other constructor; {@code onHandOver} runs under the lock whenever a freed slot is
     * handed to a waiter, before the waiter is woken, with the waiter's thread (tests interrupt it
     * there, the one moment a slot could otherwise be lost).
     */
    HashingSlots(int slots, int maxWaiting, Duration acquireTimeout, Runnable whileHeld, Consumer<Thread> onHandOver) {
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
        this.free = slots;
        this.maxWaiting = maxWaiting;
        this.acquireTimeoutNanos = saturatedNanos(acquireTimeout);
        this.whileHeld = Objects.requireNonNull(whileHeld, "whileHeld");
        this.onHandOver = Objects.requireNonNull(onHandOver, "onHandOver");
    }

    /** How many callers wait for a slot right now in both lanes (not counting those hashing). */
    int waiting() {
        lock.lock();
        try {
            return priority.size() + general.size();
        } finally {
            lock.unlock();
        }
    }

    /** How many callers wait for a slot right now in one lane's queue. */
    int waiting(HashingLane lane) {
        lock.lock();
        try {
            return queueOf(lane).size();
        } finally {
            lock.unlock();
        }
    }

    /** How many slots are free right now. */
    int free() {
        lock.lock();
        try {
            return free;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether a caller of this lane would be refused at once right now: no slot free and no room
     * in a queue it may join. Only a hint (the next moment may differ); {@link #run} decides.
     */
    boolean isFull(HashingLane lane) {
        lock.lock();
        try {
            return free == 0 && queueToJoin(lane) == null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs the work in a slot, waiting in the lane's queue if none is free.
     *
     * @throws HashingCapacityExceededException at once when the lane's queue is full or the
     *     calling thread is interrupted, or when no slot came free within the wait
     */
    <T> T run(HashingLane lane, Supplier<T> work) {
        Objects.requireNonNull(lane, "lane");
        if (Thread.currentThread().isInterrupted()) {
            throw new HashingCapacityExceededException();
        }
        acquire(lane);
        try {
            whileHeld.run();
            return work.get();
        } finally {
            release();
        }
    }

    private void acquire(HashingLane lane) {
        lock.lock();
        try {
            if (free > 0) {
                free--;
                return;
            }
            Deque<Waiter> queue = queueToJoin(lane);
            if (queue == null) {
                throw new HashingCapacityExceededException();
            }
            Waiter waiter = new Waiter(lock.newCondition());
            queue.addLast(waiter);
            long left = acquireTimeoutNanos;
            try {
                while (!waiter.granted) {
                    if (left <= 0L) {
                        queue.remove(waiter);
                        throw new HashingCapacityExceededException();
                    }
                    left = waiter.turn.awaitNanos(left);
                }
            } catch (InterruptedException e) {
                if (waiter.granted) {
                    handOver();
                } else {
                    queue.remove(waiter);
                }
                Thread.currentThread().interrupt();
                throw new HashingCapacityExceededException();
            }
        } finally {
            lock.unlock();
        }
    }

    private void release() {
        lock.lock();
        try {
            handOver();
        } finally {
            lock.unlock();
        }
    }

    /** Gives a freed slot to the next waiter, priority lane first, or back to the pool. */
    private void handOver() {
        Waiter next = priority.pollFirst();
        if (next == null) {
            next = general.pollFirst();
        }
        if (next == null) {
            free++;
        } else {
            next.granted = true;
            onHandOver.accept(next.thread);
            next.turn.signal();
        }
    }

    /** The queue a caller of the lane waits in, or null when every queue it may join is full. */
    private Deque<Waiter> queueToJoin(HashingLane lane) {
        if (lane == HashingLane.PRIORITY && priority.size() < maxWaiting) {
            return priority;
        }
        return general.size() < maxWaiting ? general : null;
    }

    private Deque<Waiter> queueOf(HashingLane lane) {
        return lane == HashingLane.PRIORITY ? priority : general;
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** One caller waiting for a slot; {@code granted} is set, under the lock, when one is handed to it. */
    private static final class Waiter {
        private final Condition turn;
        private final Thread thread = Thread.currentThread();
        private boolean granted;

        private Waiter(Condition turn) {
            this.turn = turn;
        }
    }
}
