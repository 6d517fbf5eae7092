package io.portero.accounts.control;

import static io.portero.accounts.entity.HashingLane.GENERAL;
import static io.portero.accounts.entity.HashingLane.PRIORITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portero.accounts.entity.HashingCapacityExceededException;
import io.portero.accounts.entity.HashingLane;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HashingSlotsTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch held = new CountDownLatch(1);
    private final List<String> order = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        release.countDown();
        pool.shutdownNow();
    }

    private String holdUntilReleased() {
        held.countDown();
        return blockUntilReleased();
    }

    private String blockUntilReleased() {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "done";
    }

    /** Takes the only slot of {@code slots} on another thread and keeps it until {@link #release}. */
    private Future<String> occupy(HashingSlots slots) throws InterruptedException {
        Future<String> holder = pool.submit(() -> slots.run(GENERAL, this::holdUntilReleased));
        assertTrue(held.await(5, TimeUnit.SECONDS));
        return holder;
    }

    /** Queues a caller that records its name when it gets its slot; returns once it is queued. */
    private Future<String> queue(HashingSlots slots, HashingLane lane, String name) throws InterruptedException {
        int before = slots.waiting();
        Future<String> caller = pool.submit(() -> slots.run(lane, () -> {
            order.add(name);
            return name;
        }));
        awaitWaiting(slots, before + 1);
        return caller;
    }

    private static void awaitWaiting(HashingSlots slots, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (slots.waiting() != expected && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertEquals(expected, slots.waiting());
    }

    @Test
    void aFullQueueRefusesTheNextCallerAtOnce() throws Exception {
        HashingSlots slots = new HashingSlots(1, 2, Duration.ofSeconds(10), () -> {});
        List<Future<String>> admitted = new ArrayList<>();
        admitted.add(occupy(slots));
        admitted.add(queue(slots, GENERAL, "first"));
        admitted.add(queue(slots, GENERAL, "second"));
        assertTrue(slots.isFull(GENERAL));

        HashingCapacityExceededException busy = assertTimeoutPreemptively(
                Duration.ofMillis(500),
                () -> assertThrows(HashingCapacityExceededException.class, () -> slots.run(GENERAL, () -> "never")));
        assertEquals("service_busy", busy.code());
        assertEquals(503, busy.status());
        assertEquals(
                Integer.toString(HashingCapacityExceededException.RETRY_AFTER_SECONDS),
                busy.headers().get("Retry-After"));
        assertEquals(2, slots.waiting(), "the refused caller left no trace in the queue");

        release.countDown();
        for (Future<String> f : admitted) {
            f.get(5, TimeUnit.SECONDS);
        }
        assertEquals(0, slots.waiting());
        assertEquals(1, slots.free());
        assertFalse(slots.isFull(GENERAL));
        assertEquals("again", slots.run(GENERAL, () -> "again"), "the queue drained and admits again");
    }

    @Test
    void aFreeSlotIsTakenWithoutQueueingEvenWithNoQueue() {
        HashingSlots slots = new HashingSlots(1, 0, Duration.ofSeconds(1), () -> {});
        assertFalse(slots.isFull(GENERAL));
        assertEquals("ok", slots.run(GENERAL, () -> "ok"));
        assertEquals(0, slots.waiting());
        assertEquals(1, slots.free());
    }

    @Test
    void aFullGeneralLaneLeavesThePriorityLaneOpen() throws Exception {
        HashingSlots slots = new HashingSlots(1, 2, Duration.ofSeconds(10), () -> {});
        occupy(slots);
        queue(slots, GENERAL, "flood-1");
        queue(slots, GENERAL, "flood-2");

        assertTrue(slots.isFull(GENERAL));
        assertFalse(slots.isFull(PRIORITY));
        assertThrows(HashingCapacityExceededException.class, () -> slots.run(GENERAL, () -> "flood-3"));
        Future<String> recognised = queue(slots, PRIORITY, "recognised");
        assertEquals(1, slots.waiting(PRIORITY));
        assertEquals(2, slots.waiting(GENERAL));

        release.countDown();
        assertEquals("recognised", recognised.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aFreedSlotGoesToThePriorityLaneFirstAndWithinALaneToTheEarliest() throws Exception {
        HashingSlots slots = new HashingSlots(1, 4, Duration.ofSeconds(10), () -> {});
        Future<String> holder = occupy(slots);
        List<Future<String>> callers = List.of(
                queue(slots, GENERAL, "general-1"),
                queue(slots, GENERAL, "general-2"),
                queue(slots, PRIORITY, "priority-1"),
                queue(slots, GENERAL, "general-3"),
                queue(slots, PRIORITY, "priority-2"));

        release.countDown();
        holder.get(5, TimeUnit.SECONDS);
        for (Future<String> caller : callers) {
            caller.get(5, TimeUnit.SECONDS);
        }
        assertEquals(List.of("priority-1", "priority-2", "general-1", "general-2", "general-3"), order);
        assertEquals(1, slots.free());
    }

    @Test
    void aPriorityCallerWhoseQueueIsFullWaitsInTheGeneralQueue() throws Exception {
        HashingSlots slots = new HashingSlots(1, 1, Duration.ofSeconds(10), () -> {});
        occupy(slots);
        queue(slots, PRIORITY, "priority-1");
        assertFalse(slots.isFull(PRIORITY), "the general queue still has room");

        Future<String> second = queue(slots, PRIORITY, "priority-2");
        assertEquals(1, slots.waiting(GENERAL), "queued in the general lane");
        assertTrue(slots.isFull(PRIORITY));
        assertTrue(slots.isFull(GENERAL));
        assertThrows(HashingCapacityExceededException.class, () -> slots.run(PRIORITY, () -> "third"));

        release.countDown();
        assertEquals("priority-2", second.get(5, TimeUnit.SECONDS));
        assertEquals(List.of("priority-1", "priority-2"), order);
    }

    @Test
    void aWaiterThatTimesOutLeavesTheQueue() throws Exception {
        HashingSlots slots = new HashingSlots(1, 4, Duration.ofMillis(100), () -> {});
        Future<String> holder = occupy(slots);
        assertThrows(HashingCapacityExceededException.class, () -> slots.run(PRIORITY, () -> "late"));
        assertEquals(0, slots.waiting());
        release.countDown();
        assertEquals("done", holder.get(5, TimeUnit.SECONDS));
        assertEquals(1, slots.free());
    }

    @Test
    void workThatThrowsGivesItsSlotBack() {
        HashingSlots slots = new HashingSlots(1, 0, Duration.ofSeconds(1), () -> {});
        IllegalStateException failure = new IllegalStateException("broken hash");

        assertSame(
                failure,
                assertThrows(
                        IllegalStateException.class,
                        () -> slots.run(PRIORITY, () -> {
                            throw failure;
                        })));
        assertEquals(1, slots.free());
        assertEquals("next", slots.run(GENERAL, () -> "next"));
    }

    @Test
    void anInterruptedCallerIsRefusedWithoutTakingASlot() {
        HashingSlots slots = new HashingSlots(1, 4, Duration.ofSeconds(1), () -> {});
        Thread.currentThread().interrupt();
        try {
            assertThrows(HashingCapacityExceededException.class, () -> slots.run(GENERAL, () -> "never"));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt stays visible to the caller");
        } finally {
            Thread.interrupted();
        }
        assertEquals(1, slots.free());
    }

    @Test
    void aWaiterInterruptedInTheQueueLeavesIt() throws Exception {
        HashingSlots slots = new HashingSlots(1, 4, Duration.ofSeconds(10), () -> {});
        Future<String> holder = occupy(slots);
        Future<String> waiter = pool.submit(() -> slots.run(GENERAL, () -> order.add("never") ? "ran" : "never"));
        awaitWaiting(slots, 1);

        waiter.cancel(true);
        awaitWaiting(slots, 0);
        release.countDown();
        holder.get(5, TimeUnit.SECONDS);

        assertEquals(1, slots.free(), "no slot was handed to the interrupted waiter and lost");
        assertTrue(order.isEmpty());
    }

    /**
     * The waiter is interrupted while the releasing thread hands it the slot, under the lock: it
     * either still runs (the hand-over reached it first) or is refused and passes the slot on, and
     * in both cases the slot comes back. The pause inside the hand-over lets the interrupt wake
     * the waiter first, the interleaving in which a careless queue would lose the slot.
     */
    @Test
    void aWaiterInterruptedJustAsASlotIsHandedToItLosesNoSlot() throws Exception {
        AtomicBoolean first = new AtomicBoolean(true);
        HashingSlots slots = new HashingSlots(1, 4, Duration.ofSeconds(10), () -> {}, waiter -> {
            if (first.getAndSet(false)) {
                waiter.interrupt();
                sleepQuietly(50);
            }
        });
        Future<String> holder = occupy(slots);
        Future<String> interrupted = queue(slots, PRIORITY, "interrupted");
        Future<String> next = queue(slots, GENERAL, "next");

        release.countDown();
        holder.get(5, TimeUnit.SECONDS);
        try {
            interrupted.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertTrue(e.getCause() instanceof HashingCapacityExceededException, e::toString);
        }

        assertEquals("next", next.get(5, TimeUnit.SECONDS), "the slot went on to the next waiter");
        assertEquals(0, slots.waiting());
        assertEquals(1, slots.free(), "the slot came back");
    }

    @Test
    void neverMoreHashesRunAtOnceThanThereAreSlots() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        HashingSlots slots = new HashingSlots(2, 40, Duration.ofSeconds(30), () -> {});
        List<Future<Integer>> callers = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < 30; i++) {
            HashingLane lane = i % 3 == 0 ? PRIORITY : GENERAL;
            callers.add(pool.submit(() -> {
                go.await();
                return slots.run(lane, () -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    for (int spin = 0; spin < 1_000; spin++) {
                        Thread.yield();
                    }
                    return running.decrementAndGet();
                });
            }));
        }
        go.countDown();
        for (Future<Integer> caller : callers) {
            caller.get(30, TimeUnit.SECONDS);
        }
        assertTrue(most.get() <= 2, "at most 2 at once, saw " + most.get());
        assertEquals(2, slots.free());
    }

    @Test
    void invalidLimitsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new HashingSlots(1, -1, Duration.ofSeconds(1), () -> {}));
        assertThrows(IllegalArgumentException.class, () -> new HashingSlots(0, 4, Duration.ofSeconds(1), () -> {}));
        assertThrows(IllegalArgumentException.class, () -> new HashingSlots(1, 4, Duration.ofSeconds(-1), () -> {}));
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "2, 1", "3, 2", "4, 3", "16, 15"})
    void byDefaultOneCoreIsLeftForEverythingElse(int processors, int slots) {
        assertEquals(slots, PasswordHasher.defaultSlots(processors));
    }

    @ParameterizedTest
    @CsvSource({"1, 20", "3, 20", "5, 20", "6, 24", "15, 60"})
    void theDefaultQueueIsFourWaitersPerSlotAndAtLeastTwenty(int slots, int queue) {
        assertEquals(queue, PasswordHasher.defaultQueue(slots));
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
