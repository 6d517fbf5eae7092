package io.portero.audit.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.portero.sessions.entity.EndReason;
import org.junit.jupiter.api.Test;

class AuditTypeTest {

    @Test
    void everyEndReasonHasItsType() {
        assertEquals(AuditType.SESSION_EXPIRED, AuditType.ofEnding(EndReason.IDLE_TIMEOUT));
        assertEquals(AuditType.SESSION_EXPIRED, AuditType.ofEnding(EndReason.MAX_LIFETIME));
        assertEquals(AuditType.SESSION_EVICTED, AuditType.ofEnding(EndReason.EVICTED));
        assertEquals(AuditType.LOGOUT, AuditType.ofEnding(EndReason.LOGOUT));
        assertEquals(AuditType.REFRESH_REUSED, AuditType.ofEnding(EndReason.REFRESH_REUSED));
        for (EndReason reason : new EndReason[] {
            EndReason.PASSWORD_CHANGED,
            EndReason.REVOKED_BY_USER,
            EndReason.REVOKED_BY_ADMIN,
            EndReason.ACCOUNT_DISABLED
        }) {
            assertEquals(AuditType.SESSION_REVOKED, AuditType.ofEnding(reason));
        }
    }

    @Test
    void refusalsAreFailures() {
        assertEquals(Outcome.FAILURE, AuditType.LOGIN_ERROR.outcome());
        assertEquals(Outcome.FAILURE, AuditType.SESSION_LIMIT_REACHED.outcome());
        assertEquals(Outcome.SUCCESS, AuditType.LOGIN.outcome());
        assertEquals(Outcome.SUCCESS, AuditType.NEW_DEVICE_LOGIN.outcome(), "the login went through");
    }

    @Test
    void parsesOnlyExactNames() {
        assertEquals(AuditType.LOGIN, AuditType.parse("LOGIN"));
        assertNull(AuditType.parse("login"));
        assertEquals(AuditType.NEW_DEVICE_LOGIN, AuditType.parse("NEW_DEVICE_LOGIN"));
        assertNull(AuditType.parse("NEW_DEVICE"));
    }
}
