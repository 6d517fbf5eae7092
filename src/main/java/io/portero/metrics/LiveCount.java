package io.portero.metrics;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A count that is expensive enough to reuse for a few seconds: read at most once per period, by
 * one caller at a time. A failed read (database unreachable) answers NaN, which Prometheus shows
 * as a gap rather than a false zero.
 */
final class LiveCount {

    private final long periodNanos;
    private final LongSupplier source;
    private final Ticker ticker;
    private long readAt;
    private double value = Double.NaN;
    private boolean read;

    interface Ticker {
        long nanos();
    }

    LiveCount(Duration period, LongSupplier source) {
        this(period, source, System::nanoTime);
    }

    LiveCount(Duration period, LongSupplier source, Ticker ticker) {
        this.periodNanos = period.toNanos();
        this.source = source;
        this.ticker = ticker;
    }

    synchronized double value() {
        long now = ticker.nanos();
        if (!read || now - readAt >= periodNanos) {
            readAt = now;
            read = true;
            try {
                value = source.getAsLong();
            } catch (RuntimeException e) {
                value = Double.NaN;
            }
        }
        return value;
    }
}
