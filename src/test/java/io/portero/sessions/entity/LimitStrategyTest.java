package io.portero.sessions.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LimitStrategyTest {

    @ParameterizedTest
    @ValueSource(strings = {"reject", "REJECT", "Reject", "  reject "})
    void rejectIsReadInAnyCase(String value) {
        assertEquals(LimitStrategy.REJECT, LimitStrategy.parse(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"evict-oldest", "EVICT-OLDEST", "Evict-Oldest", " evict-oldest\t"})
    void evictOldestIsReadInAnyCase(String value) {
        assertEquals(LimitStrategy.EVICT_OLDEST, LimitStrategy.parse(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "evict_oldest", "EVICT_OLDEST", "evict", "deny", "rejected"})
    void anythingElseIsRefusedNamingTheKey(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LimitStrategy.parse(value));

        assertTrue(e.getMessage().contains("portero.sessions.limit-policy"), e.getMessage());
    }
}
