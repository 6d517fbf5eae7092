package io.portero.auth.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IssuedAtFilterTest {

    private static final long NOW = 1_764_309_600L;

    @Test
    void aTokenIssuedNowOrInThePastIsNotFromTheFuture() {
        assertFalse(IssuedAtFilter.issuedInTheFuture(NOW, NOW, 60));
        assertFalse(IssuedAtFilter.issuedInTheFuture(NOW - 3600, NOW, 60));
        assertFalse(IssuedAtFilter.issuedInTheFuture(0, NOW, 60));
    }

    @Test
    void aTokenIssuedWithinTheClockSkewIsAccepted() {
        assertFalse(IssuedAtFilter.issuedInTheFuture(NOW + 60, NOW, 60));
    }

    @Test
    void aTokenIssuedBeyondTheClockSkewIsFromTheFuture() {
        assertTrue(IssuedAtFilter.issuedInTheFuture(NOW + 61, NOW, 60));
        assertTrue(IssuedAtFilter.issuedInTheFuture(NOW + 3600, NOW, 60));
    }
}
