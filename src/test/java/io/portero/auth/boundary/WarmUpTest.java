package io.portero.auth.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WarmUpTest {

    @Test
    void theNodeIsReachedOnLoopbackAtThePortOfPortOr8080() {
        assertEquals(URI.create("http://127.0.0.1:8080"), WarmUp.baseUrl(Optional.empty(), null, ""));
        assertEquals(URI.create("http://127.0.0.1:8080"), WarmUp.baseUrl(Optional.empty(), " ", ""));
        assertEquals(URI.create("http://127.0.0.1:9000"), WarmUp.baseUrl(Optional.empty(), "9000", ""));
        assertEquals(URI.create("http://127.0.0.1:8080/portero"), WarmUp.baseUrl(Optional.empty(), null, "/portero"));
    }

    @Test
    void aConfiguredAddressWinsAndLosesItsTrailingSlash() {
        assertEquals(
                URI.create("http://127.0.0.1:8181/portero"),
                WarmUp.baseUrl(Optional.of(" http://127.0.0.1:8181/portero/ "), "9000", "/elsewhere"));
        assertEquals(URI.create("http://127.0.0.1:9000"), WarmUp.baseUrl(Optional.of(""), "9000", ""));
    }

    @Test
    void anAddressThatIsNotAnAbsoluteHttpUrlIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> WarmUp.baseUrl(Optional.of("ftp://127.0.0.1:21"), null, ""));
        assertThrows(IllegalArgumentException.class, () -> WarmUp.baseUrl(Optional.of("/api"), null, ""));
        assertThrows(IllegalArgumentException.class, () -> WarmUp.baseUrl(Optional.empty(), "80 80", ""));
    }

    @Test
    void theNodeWaitsForTheWarmUpOnlyWhileItIsPendingOrUnderWay() {
        assertFalse(new WarmUp.Progress(WarmUp.State.PENDING, 0, 0, null).ended());
        assertFalse(new WarmUp.Progress(WarmUp.State.WARMING, 250, 0, null).ended());
        assertTrue(new WarmUp.Progress(WarmUp.State.DONE, 5000, 0, null).ended());
        assertTrue(new WarmUp.Progress(WarmUp.State.SKIPPED, 0, 0, "turned off").ended());
    }
}
