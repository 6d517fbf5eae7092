package io.portero.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LiveCountTest {

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger queries = new AtomicInteger();

    @Test
    void scrapesWithinThePeriodReuseOneQuery() {
        LiveCount count = new LiveCount(Duration.ofSeconds(5), () -> 10 + queries.incrementAndGet(), now::get);

        assertEquals(11, count.value());
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertEquals(11, count.value());
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(12, count.value());
        assertEquals(2, queries.get());
    }

    @Test
    void anUnreachableDatabaseShowsAGapNotAZero() {
        LiveCount count = new LiveCount(
                Duration.ofSeconds(5),
                () -> {
                    throw new IllegalStateException("down");
                },
                now::get);

        assertTrue(Double.isNaN(count.value()));
    }

    @Test
    void loginCodesMapToTheirOutcomes() {
        assertEquals("invalid_credentials", PorteroMetrics.outcomeOf("invalid_credentials"));
        assertEquals("account_disabled", PorteroMetrics.outcomeOf("account_disabled"));
        assertEquals("throttled", PorteroMetrics.outcomeOf("too_many_attempts"));
        assertEquals("throttled", PorteroMetrics.outcomeOf("throttled"));
    }
}
