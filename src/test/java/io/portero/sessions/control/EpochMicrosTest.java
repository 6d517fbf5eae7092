package io.portero.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The rotation's cut-offs travel as microseconds since the epoch ({@link SessionStore#epochMicros}). */
class EpochMicrosTest {

    @Test
    void countsWholeMicrosecondsSinceTheEpoch() {
        assertEquals(0, SessionStore.epochMicros(Instant.EPOCH));
        assertEquals(946_684_800_000_000L, SessionStore.epochMicros(Instant.parse("2000-01-01T00:00:00Z")));
        assertEquals(1_796_212_800_123_456L, SessionStore.epochMicros(Instant.parse("2026-12-02T12:00:00.123456Z")));
    }

    @Test
    void dropsTheNanosecondsBelowAMicrosecond() {
        assertEquals(1_000_001, SessionStore.epochMicros(Instant.ofEpochSecond(1, 1_999)));
    }

    @Test
    void beforeTheEpochCountsDownward() {
        assertEquals(-1, SessionStore.epochMicros(Instant.parse("1969-12-31T23:59:59.999999Z")));
        assertEquals(-500_000, SessionStore.epochMicros(Instant.ofEpochSecond(-1, 500_000_000)));
    }

    @Test
    void refusesAnInstantBeyondALong() {
        assertThrows(ArithmeticException.class, () -> SessionStore.epochMicros(Instant.MAX));
    }
}
