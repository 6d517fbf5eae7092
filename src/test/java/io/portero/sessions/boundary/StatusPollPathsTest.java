package io.portero.sessions.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatusPollPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"session-status", "/session-status", "session-status/", "//session-status//"})
    void theStatusPollIsPassiveHoweverItIsSlashed(String path) {
        assertTrue(SessionActivityFilter.isStatusPoll(path));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "/",
                "session-statuses",
                "session-activity",
                "x/session-status",
                "session-status/x",
                "Session-Status"
            })
    void anyOtherPathIsNot(String path) {
        assertFalse(SessionActivityFilter.isStatusPoll(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/json", "Application/JSON", " application/json "})
    void theShortcutAnswersWhoeverTakesJson(String accept) {
        assertTrue(SessionStatusShortcut.acceptsJson(accept));
        assertTrue(SessionStatusShortcut.acceptsJson(null));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "text/html",
                "application/json, text/plain",
                "application/json;q=0.5",
                "application/*",
                "application/xml"
            })
    void anyOtherAcceptGoesToTheResource(String accept) {
        assertFalse(SessionStatusShortcut.acceptsJson(accept));
    }
}
