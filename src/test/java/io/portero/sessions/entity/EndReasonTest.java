package io.portero.sessions.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndReasonTest {

    @ParameterizedTest
    @CsvSource({
        "LOGOUT, session_ended",
        "IDLE_TIMEOUT, session_expired",
        "MAX_LIFETIME, session_max_lifetime",
        "EVICTED, session_evicted",
        "PASSWORD_CHANGED, password_changed",
        "REVOKED_BY_USER, session_revoked",
        "REVOKED_BY_ADMIN, session_revoked",
        "ACCOUNT_DISABLED, session_revoked",
        "REFRESH_REUSED, refresh_token_reused"
    })
    void eachReasonTellsTheDeviceItsProblemCode(EndReason reason, String code) {
        assertEquals(code, reason.problemCode());
    }

    @Test
    void everyReasonIsInTheTable() {
        assertEquals(
                9, EndReason.values().length, "a new EndReason needs a row in eachReasonTellsTheDeviceItsProblemCode");
    }

    @Test
    void aSessionNotLiveAnswers401WithItsReasonsCode() {
        SessionNotLiveException e = new SessionNotLiveException(EndReason.EVICTED);

        assertEquals(401, e.status());
        assertEquals("session_evicted", e.code());
        assertEquals(EndReason.EVICTED, e.reason());
    }
}
