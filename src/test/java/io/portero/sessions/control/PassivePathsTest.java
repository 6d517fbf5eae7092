package io.portero.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PassivePathsTest {

    @Test
    void anExactPathMatchesWithAnyMethodQueryOrTrailingSlash() {
        PassivePaths paths = PassivePaths.parse("/api/notifications/poll");
        assertTrue(paths.matches("GET", "/api/notifications/poll"));
        assertTrue(paths.matches("POST", "/api/notifications/poll/"));
        assertTrue(paths.matches(null, "/api/notifications/poll?since=5&x=/y"));
        assertFalse(paths.matches("GET", "/api/notifications/poll/more"));
        assertFalse(paths.matches("GET", "/api/notifications"));
        assertFalse(paths.matches("GET", "/api/notifications/pollx"));
    }

    @Test
    void aSingleStarIsExactlyOneSegment() {
        PassivePaths paths = PassivePaths.parse("/api/*/status");
        assertTrue(paths.matches("GET", "/api/orders/status"));
        assertFalse(paths.matches("GET", "/api/status"));
        assertFalse(paths.matches("GET", "/api//status"));
        assertFalse(paths.matches("GET", "/api/a/b/status"));
    }

    @Test
    void aStarInsideASegmentNeverCrossesASlash() {
        PassivePaths paths = PassivePaths.parse("/api/poll-*");
        assertTrue(paths.matches("GET", "/api/poll-orders"));
        assertTrue(paths.matches("GET", "/api/poll-"));
        assertFalse(paths.matches("GET", "/api/poll-a/b"));
    }

    @Test
    void aDoubleStarIsAnyNumberOfSegments() {
        PassivePaths paths = PassivePaths.parse("/events/**");
        assertTrue(paths.matches("GET", "/events"));
        assertTrue(paths.matches("GET", "/events/a"));
        assertTrue(paths.matches("GET", "/events/a/b/c"));
        assertFalse(paths.matches("GET", "/eventsx"));
        PassivePaths middle = PassivePaths.parse("/api/**/poll");
        assertTrue(middle.matches("GET", "/api/poll"));
        assertTrue(middle.matches("GET", "/api/a/b/poll"));
        assertFalse(middle.matches("GET", "/api/a/b/poll/x"));
    }

    @Test
    void anEntryWithAMethodMatchesOnlyThatMethod() {
        PassivePaths paths = PassivePaths.parse(" get /api/poll , /api/other ");
        assertTrue(paths.matches("GET", "/api/poll"));
        assertTrue(paths.matches("get", "/api/poll"));
        assertFalse(paths.matches("POST", "/api/poll"));
        assertFalse(paths.matches(null, "/api/poll"));
        assertTrue(paths.matches("DELETE", "/api/other"));
    }

    @Test
    void thePathIsMatchedAsTheApplicationSeesIt() {
        PassivePaths paths = PassivePaths.parse("/api/notifications/poll");
        assertTrue(paths.matches("GET", "/api/%6Eotifications/poll"));
        assertTrue(paths.matches("GET", "/api/x/../notifications/./poll"));
        assertFalse(paths.matches("GET", "/api/notifications/poll/../../admin"));
        assertFalse(paths.matches("GET", "/../api/notifications/poll"));
        assertFalse(paths.matches("GET", "api/notifications/poll"));
        assertFalse(paths.matches("GET", "/api/notifications/poll with space"));
        assertFalse(paths.matches("GET", null));
    }

    @Test
    void regexCharactersInAGlobAreLiteral() {
        PassivePaths paths = PassivePaths.parse("/api/v1.0/poll+x");
        assertTrue(paths.matches("GET", "/api/v1.0/poll+x"));
        assertFalse(paths.matches("GET", "/api/v1x0/poll+x"));
    }

    @Test
    void anEmptyListMatchesNothing() {
        assertTrue(PassivePaths.parse("").isEmpty());
        assertTrue(PassivePaths.parse(null).isEmpty());
        assertTrue(PassivePaths.parse(" , ").isEmpty());
        assertFalse(PassivePaths.none().matches("GET", "/"));
    }

    @Test
    void aMalformedEntryIsRefusedAtStartUp() {
        IllegalArgumentException relative =
                assertThrows(IllegalArgumentException.class, () -> PassivePaths.parse("/ok, api/poll"));
        assertEquals("a passive path is [METHOD ]/glob, not 'api/poll'", relative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PassivePaths.parse("G3T /api/poll"));
        assertThrows(IllegalArgumentException.class, () -> PassivePaths.parse("/api/poll?x=1"));
    }
}
