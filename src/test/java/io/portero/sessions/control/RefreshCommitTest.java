package io.portero.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RefreshCommitTest {

    @Test
    void parsesBothWaysWhateverTheCaseAndSpaces() {
        assertEquals(RefreshCommit.ASYNC, RefreshCommit.parse("async"));
        assertEquals(RefreshCommit.SYNC, RefreshCommit.parse(" Sync "));
    }

    @Test
    void refusesAnythingElseNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RefreshCommit.parse("off"));
        assertTrue(e.getMessage().contains("portero.sessions.refresh-commit"), e.getMessage());
    }

    @Test
    void theAsynchronousRotationIsTheSynchronousOneWithTheSettingInItsSelectList() {
        String sync = SessionStore.rotation(RefreshCommit.SYNC);
        String async = SessionStore.rotation(RefreshCommit.ASYNC);

        assertFalse(sync.contains("synchronous_commit"), sync);
        assertEquals(
                sync.replace(" FROM rotated r", ", set_config('synchronous_commit', 'off', true) FROM rotated r"),
                async);
    }
}
