package io.portero.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceLabelsTest {

    private static final DeviceLabels LABELS = new DeviceLabels();

    private static final String CHROME_ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36";
    private static final String SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) "
            + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    private static final String FIREFOX_WINDOWS =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0";
    private static final String EDGE_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80";
    private static final String CHROME_MACOS = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) "
            + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

    @Test
    void chromeOnAndroidPhone() {
        assertEquals("Chrome on Android", LABELS.label(CHROME_ANDROID));
    }

    @Test
    void safariOnIphone() {
        assertEquals("Safari on iOS", LABELS.label(SAFARI_IPHONE));
    }

    @Test
    void firefoxOnWindows() {
        assertEquals("Firefox on Windows", LABELS.label(FIREFOX_WINDOWS));
    }

    @Test
    void edgeOnWindows() {
        assertEquals("Edge on Windows", LABELS.label(EDGE_WINDOWS));
    }

    @Test
    void chromeOnMacos() {
        assertEquals("Chrome on macOS", LABELS.label(CHROME_MACOS));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                        + "Version/17.4 Mobile/15E148 Safari/604.1 | Safari on iOS",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                        + "CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1 | Chrome on iOS",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                        + "FxiOS/125.0 Mobile/15E148 Safari/605.1.15 | Firefox on iOS",
                "Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0 | Firefox on Android",
                "Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230901.001; wv) AppleWebKit/537.36 "
                        + "(KHTML, like Gecko) Version/4.0 Chrome/118.0.0.0 Mobile Safari/537.36 | Chrome WebView on Android",
                "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36 | Samsung Internet on Android",
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                        + "Version/17.4 Safari/605.1.15 | Safari on macOS",
                "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0 | Firefox on Linux",
                "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0 | Firefox on Ubuntu",
                "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Chrome/124.0.0.0 Safari/537.36 | Chrome on ChromeOS",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Chrome/124.0.0.0 Safari/537.36 OPR/110.0.0.0 | Opera on Windows",
            })
    void otherCommonBrowsers(String userAgent, String expected) {
        assertEquals(expected, LABELS.label(userAgent));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Mozilla/5.0 (Linux; Android 14) | Android device",
                "Dalvik/2.1.0 (Linux; U; Android 13; Pixel 7 Build/TQ3A) | Android device",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) | Windows device",
            })
    void operatingSystemWithoutBrowser(String userAgent, String expected) {
        assertEquals(expected, LABELS.label(userAgent));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Firefox/125.0 | Firefox",
                "curl/8.5.0 | curl",
                "python-requests/2.31.0 | Python Requests",
                "okhttp/4.12.0 | okhttp",
            })
    void browserWithoutOperatingSystem(String userAgent, String expected) {
        assertEquals(expected, LABELS.label(userAgent));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n", "garbage", "Mozilla/5.0", "!!!???", "\u0000\u0001"})
    void unknownDevice(String userAgent) {
        assertEquals(DeviceLabels.UNKNOWN, LABELS.label(userAgent));
        assertEquals("Unknown device", LABELS.label(userAgent));
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertEquals("Firefox on Windows", LABELS.label("  " + FIREFOX_WINDOWS + "\n"));
    }

    @Test
    void hugeUserAgentIsCutShortAndAnsweredQuickly() {
        String huge = "Mozilla/5.0 (Linux; Android 14; " + "x".repeat(10_000) + ") Chrome/124.0 Mobile Safari/537.36";

        String label = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> LABELS.label(huge));

        assertTrue(label.length() <= DeviceLabels.MAX_LABEL_LENGTH, label);
        assertEquals("Android device", label);
    }

    @Test
    void pathologicalUserAgentsDoNotThrow() {
        List<String> nasty = List.of(
                "(".repeat(10_000),
                "Mozilla/5.0 (" + "; ".repeat(5_000),
                "a".repeat(10_000),
                "Mozilla/5.0 (Linux; Android " + "1.".repeat(5_000),
                "\uD83D\uDE00".repeat(5_000));

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (String userAgent : nasty) {
                String label = LABELS.label(userAgent);
                assertTrue(label.length() <= DeviceLabels.MAX_LABEL_LENGTH, label);
            }
        });
    }

    @Test
    void labelsAreAtMost100Characters() {
        String userAgent = "Mozilla/5.0 (Windows NT 10.0) " + "Q".repeat(150) + "bot/1.0";

        String label = LABELS.label(userAgent);

        assertTrue(label.length() <= 100, label);
        assertTrue(label.endsWith("bot on Windows"), label);
    }

    @Test
    void repeatedUserAgentsAreAnsweredFromTheCache() {
        DeviceLabels labels = new DeviceLabels();

        String first = labels.label(CHROME_ANDROID);
        String second = labels.label(CHROME_ANDROID);

        assertSame(first, second);
        assertEquals(1, labels.cachedCount());
        assertTrue(labels.isCached(CHROME_ANDROID));
    }

    @Test
    void cacheForgetsTheLeastRecentlyUsed() {
        DeviceLabels labels = new DeviceLabels(2);

        labels.label(CHROME_ANDROID);
        labels.label(SAFARI_IPHONE);
        labels.label(CHROME_ANDROID);
        labels.label(FIREFOX_WINDOWS);

        assertEquals(2, labels.cachedCount());
        assertTrue(labels.isCached(CHROME_ANDROID));
        assertTrue(labels.isCached(FIREFOX_WINDOWS));
        assertEquals("Safari on iOS", labels.label(SAFARI_IPHONE));
    }

    @Test
    void cacheKeysAreTheTruncatedUserAgent() {
        DeviceLabels labels = new DeviceLabels(8);
        String prefix = FIREFOX_WINDOWS + " " + "y".repeat(600);

        labels.label(prefix + "a");
        labels.label(prefix + "b");

        assertEquals(1, labels.cachedCount());
    }

    @Test
    void blankUserAgentsAreNotCached() {
        DeviceLabels labels = new DeviceLabels();

        labels.label(null);
        labels.label("  ");

        assertEquals(0, labels.cachedCount());
    }

    @Test
    void negativeCacheSizeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DeviceLabels(-1));
    }

    @Test
    void zeroCacheSizeStillLabels() {
        DeviceLabels labels = new DeviceLabels(0);

        assertEquals("Edge on Windows", labels.label(EDGE_WINDOWS));
        assertEquals(0, labels.cachedCount());
    }

    @Test
    void safeToShareBetweenThreads() throws Exception {
        DeviceLabels labels = new DeviceLabels(4);
        List<String> userAgents = List.of(CHROME_ANDROID, SAFARI_IPHONE, FIREFOX_WINDOWS, EDGE_WINDOWS, CHROME_MACOS);
        List<String> expected = List.of(
                "Chrome on Android", "Safari on iOS", "Firefox on Windows", "Edge on Windows", "Chrome on macOS");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int task = 0; task < 8; task++) {
                int offset = task;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        int which = (i + offset) % userAgents.size();
                        if (!expected.get(which).equals(labels.label(userAgents.get(which)))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(labels.cachedCount() <= 4);
    }

    @Test
    void truncateKeepsShortTextAndCutsLongText() {
        assertNull(DeviceLabels.truncate(null, 10));
        assertEquals("abc", DeviceLabels.truncate("abc", 10));
        assertEquals("abcde", DeviceLabels.truncate("abcdefgh", 5));
        assertEquals("", DeviceLabels.truncate("abc", 0));
        assertThrows(IllegalArgumentException.class, () -> DeviceLabels.truncate("abc", -1));
    }

    @Test
    void truncateDoesNotSplitASurrogatePair() {
        String text = "ab\uD83D\uDE00cd";

        assertEquals("ab", DeviceLabels.truncate(text, 3));
        assertEquals("ab\uD83D\uDE00", DeviceLabels.truncate(text, 4));
    }
}
