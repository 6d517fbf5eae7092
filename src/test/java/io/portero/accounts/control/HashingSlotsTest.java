package io.portero.accounts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HashingSlotsTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch held = new CountDownLatch(1);

    private String holdUntilReleased() {
        held.countDown();
        return blockUntilReleased();
    }

    @AfterEach
    void stop() {
        release.countDown();
        pool.shutdownNow();
    }

    private String blockUntilReleased() {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "done";
    }

    private static void awaitWaiting(HashingSlots slots, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (slots.waiting() != expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(expected, slots.waiting());
    }

    @Test
    void aFullQueueRefusesTheNextCallerAtOnce() throws Exception {
        HashingSlots slots = new HashingSlots(1, 2, Duration.ofSeconds(10), () -> {});
        List<Future<String>> admitted = new ArrayList<>();
        admitted.add(pool.submit(() -> slots.run(this::holdUntilReleased)));
        held.await(5, TimeUnit.SECONDS);
        admitted.add(pool.submit(() -> slots.run(this::blockUntilReleased)));
        admitted.add(pool.submit(() -> slots.run(this::blockUntilReleased)));
        awaitWaiting(slots, 2);

        HashingCapacityExceededException busy = assertTimeoutPreemptively(
                Duration.ofMillis(500),
                () -> assertThrows(HashingCapacityExceededException.class, () -> slots.run(() -> "never")));
        assertEquals("service_busy", busy.code());
        assertEquals(503, busy.status());
        assertEquals(
                Integer.toString(HashingCapacityExceededException.RETRY_AFTER_SECONDS),
                busy.headers().get("Retry-After"));
        assertEquals(2, slots.waiting(), "the refused caller left no trace in the queue");

        release.countDown();
        for (Future<String> f : admitted) {
            assertEquals("done", f.get(5, TimeUnit.SECONDS));
        }
        assertEquals(0, slots.waiting());
        assertEquals("again", slots.run(() -> "again"), "the queue drained and admits again");
    }

    @Test
    void aFreeSlotIsTakenWithoutQueueingEvenWithNoQueue() {
        HashingSlots slots = new HashingSlots(1, 0, Duration.ofSeconds(1), () -> {});
        assertEquals("ok", slots.run(() -> "ok"));
        assertEquals(0, slots.waiting());
    }

    @Test
    void aWaiterThatTimesOutLeavesTheQueue() throws Exception {
        HashingSlots slots = new HashingSlots(1, 4, Duration.ofMillis(100), () -> {});
        Future<String> holder = pool.submit(() -> slots.run(this::holdUntilReleased));
        held.await(5, TimeUnit.SECONDS);
        assertThrows(HashingCapacityExceededException.class, () -> slots.run(() -> "late"));
        assertEquals(0, slots.waiting());
        release.countDown();
        assertEquals("done", holder.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aNegativeQueueIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new HashingSlots(1, -1, Duration.ofSeconds(1), () -> {}));
    }

    @Test
    void theDefaultQueueIsFourWaitersPerSlot() {
        assertEquals(16, PasswordHasher.defaultQueue(4));
    }
}
