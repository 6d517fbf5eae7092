package io.portero.platform.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Runs the requests of concurrent callers as one statement (decision 0028). A caller hands its
 * request in and waits for its own result. Whoever finds no statement running runs one for every
 * request waiting (up to {@code maxBatch}), its own among them; the others wait, and are handed
 * their results when that statement returns. A caller alone runs a statement of one, at once, on
 * its own thread: nothing waits for a timer, and no thread is added. Under load, the requests that
 * arrive while a statement runs go together in the next one, so the database wakes once for many.
 *
 * <p>The statement's function receives the requests in arrival order and answers one result per
 * request, in the same order. When it throws, every caller of that statement receives the same
 * exception. An interrupt does not abandon a request (it may be in a statement already); the
 * caller's interrupt status is restored once its result is in.
 *
 * @param <Q> a request
 * @param <R> its result
 */
public final class StatementCombiner<Q, R> {

    private final Function<List<Q>, List<R>> statement;
    private final int maxBatch;
    private final ConcurrentLinkedQueue<Pending<Q, R>> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock running = new ReentrantLock();

    /**
     * @param statement runs a batch: one result per request, in order
     * @param maxBatch the most requests in one statement (≥ 1)
     */
    public StatementCombiner(Function<List<Q>, List<R>> statement, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, not " + maxBatch);
        }
        this.statement = Objects.requireNonNull(statement);
        this.maxBatch = maxBatch;
    }

    /**
     * This request's result, from a statement run by this caller or by another.
     *
     * @throws RuntimeException what the statement that carried this request threw
     */
    public R submit(Q request) {
        Pending<Q, R> mine = new Pending<>(request, Thread.currentThread());
        waiting.add(mine);
        boolean interrupted = false;
        while (!mine.done) {
            if (running.tryLock()) {
                try {
                    while (!mine.done) {
                        runOne();
                    }
                } finally {
                    running.unlock();
                }
                // Whoever arrived while this statement ran leads the next one.
                Pending<Q, R> next = waiting.peek();
                if (next != null) {
                    LockSupport.unpark(next.caller);
                }
            } else {
                // Woken by its result, or by a leader that left requests behind.
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return mine.result();
    }

    /** Runs one statement for the longest-waiting requests. Called with {@link #running} held. */
    private void runOne() {
        List<Pending<Q, R>> batch = new ArrayList<>();
        for (Pending<Q, R> next; batch.size() < maxBatch && (next = waiting.poll()) != null; ) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        List<Q> requests = new ArrayList<>(batch.size());
        for (Pending<Q, R> pending : batch) {
            requests.add(pending.request);
        }
        List<R> results;
        try {
            results = statement.apply(requests);
            if (results.size() != batch.size()) {
                throw new IllegalStateException(
                        "the statement answered " + results.size() + " results for " + batch.size() + " requests");
            }
        } catch (RuntimeException | Error e) {
            // Each caller of this statement, the leader too if it was one, throws it from submit.
            for (Pending<Q, R> pending : batch) {
                pending.fail(e);
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).complete(results.get(i));
        }
    }

    private static final class Pending<Q, R> {
        final Q request;
        final Thread caller;
        private R result;
        private Throwable failure;
        volatile boolean done;

        Pending(Q request, Thread caller) {
            this.request = request;
            this.caller = caller;
        }

        void complete(R value) {
            result = value;
            done = true;
            LockSupport.unpark(caller);
        }

        void fail(Throwable e) {
            failure = e;
            done = true;
            LockSupport.unpark(caller);
        }

        R result() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return result;
        }
    }
}
