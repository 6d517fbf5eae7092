package io.portero.platform.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatementCombinerTest {

    private final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
    private final List<String> threads = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    /** A statement that answers each request doubled, recording its batch and the thread it ran on. */
    private Function<List<Integer>, List<Integer>> doubling(CountDownLatch gate) {
        return requests -> {
            batches.add(List.copyOf(requests));
            threads.add(Thread.currentThread().getName());
            await(gate);
            return requests.stream().map(r -> r * 2).collect(Collectors.toList());
        };
    }

    @Test
    void aCallerAloneRunsAStatementOfOneOnItsOwnThread() {
        StatementCombiner<Integer, Integer> combiner = new StatementCombiner<>(doubling(new CountDownLatch(0)), 8);

        assertEquals(42, combiner.submit(21));
        assertEquals(4, combiner.submit(2));

        assertEquals(List.of(List.of(21), List.of(2)), batches);
        assertEquals(
                List.of(Thread.currentThread().getName(), Thread.currentThread().getName()), threads);
    }

    @Test
    void requestsArrivingWhileAStatementRunsGoTogetherInTheNextInArrivalOrder() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        StatementCombiner<Integer, Integer> combiner = new StatementCombiner<>(doubling(gate), 8);
        Future<Integer> first = callers.submit(() -> combiner.submit(1));
        awaitBatches(1);
        List<Future<Integer>> later = new ArrayList<>();
        for (int i = 2; i <= 4; i++) {
            int request = i;
            later.add(callers.submit(() -> combiner.submit(request)));
            awaitParked(i - 1); // the first caller runs its statement, the others park in arrival order
        }

        gate.countDown();

        assertEquals(2, first.get(5, TimeUnit.SECONDS));
        for (int i = 0; i < later.size(); i++) {
            assertEquals((i + 2) * 2, later.get(i).get(5, TimeUnit.SECONDS));
        }
        assertEquals(List.of(List.of(1), List.of(2, 3, 4)), batches);
    }

    @Test
    void noStatementCarriesMoreThanTheMaximum() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        StatementCombiner<Integer, Integer> combiner = new StatementCombiner<>(doubling(gate), 2);
        List<Future<Integer>> all = new ArrayList<>();
        all.add(callers.submit(() -> combiner.submit(0)));
        awaitBatches(1);
        for (int i = 1; i <= 5; i++) {
            int request = i;
            all.add(callers.submit(() -> combiner.submit(request)));
        }
        awaitParked(5);

        gate.countDown();

        for (int i = 0; i < all.size(); i++) {
            assertEquals(i * 2, all.get(i).get(5, TimeUnit.SECONDS));
        }
        assertEquals(List.of(1, 2, 2, 1), batches.stream().map(List::size).collect(Collectors.toList()));
        assertEquals(
                List.of(0, 1, 2, 3, 4, 5),
                batches.stream().flatMap(List::stream).sorted().collect(Collectors.toList()));
    }

    @Test
    void everyCallerOfAFailedStatementGetsItsExceptionAndTheNextStatementRuns() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        IllegalStateException broken = new IllegalStateException("connection refused");
        StatementCombiner<Integer, Integer> combiner = new StatementCombiner<>(
                requests -> {
                    batches.add(List.copyOf(requests));
                    await(gate);
                    if (requests.contains(3)) {
                        throw broken;
                    }
                    return requests;
                },
                8);
        Future<Integer> first = callers.submit(() -> combiner.submit(1));
        awaitBatches(1);
        Future<Integer> second = callers.submit(() -> combiner.submit(2));
        Future<Integer> third = callers.submit(() -> combiner.submit(3));
        awaitParked(2);

        gate.countDown();

        assertEquals(1, first.get(5, TimeUnit.SECONDS));
        for (Future<Integer> failed : List.of(second, third)) {
            Exception e = assertThrows(Exception.class, () -> failed.get(5, TimeUnit.SECONDS));
            assertSame(broken, e.getCause());
        }
        assertEquals(4, combiner.submit(4));
    }

    @Test
    void aStatementAnsweringTheWrongNumberOfResultsFailsItsCallers() {
        StatementCombiner<Integer, Integer> combiner = new StatementCombiner<>(requests -> List.of(), 8);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> combiner.submit(1));
        assertTrue(e.getMessage().contains("0 results for 1 requests"), e.getMessage());
    }

    @Test
    void anInterruptedCallerStillGetsItsResultAndKeepsItsInterrupt() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        StatementCombiner<Integer, Integer> combiner = new StatementCombiner<>(doubling(gate), 8);
        callers.submit(() -> combiner.submit(1));
        awaitBatches(1);
        AtomicReference<Thread> waiter = new AtomicReference<>();
        CompletableFuture<String> outcome = CompletableFuture.supplyAsync(
                () -> {
                    waiter.set(Thread.currentThread());
                    int result = combiner.submit(5);
                    return result + " " + Thread.currentThread().isInterrupted();
                },
                callers);
        awaitParked(1);
        waiter.get().interrupt();

        gate.countDown();

        assertEquals("10 true", outcome.get(5, TimeUnit.SECONDS));
    }

    @Test
    void underContentionEveryRequestIsAnsweredOnceWithItsOwnResult() throws Exception {
        int threads = 16;
        int each = 2_000;
        StatementCombiner<Integer, Integer> combiner = new StatementCombiner<>(
                requests -> {
                    batches.add(List.copyOf(requests));
                    Thread.onSpinWait();
                    return requests.stream().map(r -> -r).collect(Collectors.toList());
                },
                64);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> wrong = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * each;
            wrong.add(callers.submit(() -> {
                await(start);
                int mismatches = 0;
                for (int i = 1; i <= each; i++) {
                    if (combiner.submit(base + i) != -(base + i)) {
                        mismatches++;
                    }
                }
                return mismatches;
            }));
        }

        start.countDown();

        for (Future<Integer> f : wrong) {
            assertEquals(0, f.get(60, TimeUnit.SECONDS));
        }
        List<Integer> seen = batches.stream().flatMap(List::stream).sorted().collect(Collectors.toList());
        assertEquals(threads * each, seen.size(), "every request ran exactly once");
        assertEquals(seen.stream().distinct().count(), seen.size());
        assertTrue(batches.stream().allMatch(b -> b.size() <= 64));
    }

    @Test
    void refusesABatchLimitBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new StatementCombiner<Integer, Integer>(List::copyOf, 0));
    }

    private void awaitBatches(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (batches.size() < count) {
            assertTrue(System.nanoTime() < deadline, "no statement started");
            Thread.sleep(1);
        }
    }

    /** Waits until {@code count} callers are parked in {@link StatementCombiner#submit}, waiting for their turn. */
    private static void awaitParked(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (parkedCallers() < count) {
            assertTrue(System.nanoTime() < deadline, "callers did not start waiting");
            Thread.sleep(1);
        }
    }

    private static long parkedCallers() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getState() == Thread.State.WAITING)
                .filter(e -> List.of(e.getValue()).stream()
                        .anyMatch(frame -> frame.getClassName().equals(StatementCombiner.class.getName())
                                && frame.getMethodName().equals("submit")))
                .count();
    }

    private static void await(CountDownLatch gate) {
        try {
            assertTrue(gate.await(5, TimeUnit.SECONDS), "gate not opened");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
