package io.portero.audit.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditDetailsTest {

    @Test
    void roundTripsAFlatObjectWithSortedKeys() {
        String json = AuditDetails.toJson(Map.of("reason", "invalid_credentials", "actor", "root \"x\""));
        assertEquals("{\"actor\":\"root \\\"x\\\"\",\"reason\":\"invalid_credentials\"}", json);
        assertEquals(Map.of("actor", "root \"x\"", "reason", "invalid_credentials"), AuditDetails.fromJson(json));
    }

    @Test
    void noDetailsAreNullAndReadAsEmpty() {
        assertNull(AuditDetails.toJson(Map.of()));
        assertEquals(Map.of(), AuditDetails.fromJson(null));
    }

    @Test
    void cutsWithoutSplittingASurrogatePair() {
        assertEquals("ab", AuditLog.cut("ab\uD83D\uDE00", 3));
        assertEquals("abc", AuditLog.cut("abc", 3));
    }
}
