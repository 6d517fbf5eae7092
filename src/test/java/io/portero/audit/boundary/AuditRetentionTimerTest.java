package io.portero.audit.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.portero.audit.control.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditRetentionTimerTest {

    private static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");

    private AuditRetentionTimer timer;
    private AuditLog log;

    @BeforeEach
    void timer() {
        log = mock(AuditLog.class);
        timer = new AuditRetentionTimer();
        timer.log = log;
        timer.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        timer.retention = Duration.ofDays(180);
    }

    @Test
    void deletesInFullBatchesUntilOneComesBackShort() {
        Instant cutoff = NOW.minus(Duration.ofDays(180));
        when(log.purgeBefore(cutoff, AuditRetentionTimer.BATCH))
                .thenReturn(AuditRetentionTimer.BATCH, AuditRetentionTimer.BATCH, 7);
        assertEquals(2 * AuditRetentionTimer.BATCH + 7, timer.purgeAll());
        verify(log, times(3)).purgeBefore(cutoff, AuditRetentionTimer.BATCH);
    }

    @Test
    void nothingOldIsOneQuery() {
        when(log.purgeBefore(any(), anyInt())).thenReturn(0);
        assertEquals(0, timer.purgeAll());
        verify(log, times(1)).purgeBefore(NOW.minus(Duration.ofDays(180)), AuditRetentionTimer.BATCH);
    }

    @Test
    void theCutOffIsTheRetentionBeforeNow() {
        timer.retention = Duration.ofDays(30);
        when(log.purgeBefore(any(), anyInt())).thenReturn(1);
        timer.purgeAll();
        verify(log).purgeBefore(Instant.parse("2026-05-31T12:00:00Z"), AuditRetentionTimer.BATCH);
    }

    @Test
    void aFailedPassIsLoggedAndTheNextOneRunsAgain() {
        when(log.purgeBefore(any(), anyInt()))
                .thenThrow(new IllegalStateException("database away"))
                .thenReturn(0);
        timer.purge(null);
        timer.purge(null);
        verify(log, times(2)).purgeBefore(any(), anyInt());
    }
}
