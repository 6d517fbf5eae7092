package io.portero.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SessionCheckTest {

    @Test
    void theViewIsTheDefaultOnPostgreSqlOnly() {
        assertEquals(SessionCheck.VIEW, SessionCheck.choose("", true));
        assertEquals(SessionCheck.DATABASE, SessionCheck.choose(null, false));
    }

    @Test
    void theDatabaseCheckMayBeChosenAnywhere() {
        assertEquals(SessionCheck.DATABASE, SessionCheck.choose(" Database ", true));
        assertEquals(SessionCheck.DATABASE, SessionCheck.choose("database", false));
    }

    @Test
    void theViewNeedsPostgreSql() {
        assertEquals(SessionCheck.VIEW, SessionCheck.choose("view", true));
        assertThrows(IllegalArgumentException.class, () -> SessionCheck.choose("view", false));
    }

    @Test
    void unknownValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SessionCheck.choose("cache", true));
    }
}
