package io.portero.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every problem and violation code the service can answer with has a Spanish and an English text,
 * and every status a domain rule answers with has a title in both languages.
 */
class MessageBundlesTest {

    private static final Properties SPANISH = load("/io/portero/platform/problem/messages.properties");
    private static final Properties ENGLISH = load("/io/portero/platform/problem/messages_en.properties");
    private static final Path SOURCES = Path.of("src", "main", "java");

    private static Properties load(String resource) {
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertTextInBothLanguages(String key) {
        assertTrue(SPANISH.containsKey(key), "no Spanish text for " + key);
        assertTrue(ENGLISH.containsKey(key), "no English text for " + key);
        assertFalse(SPANISH.getProperty(key).isBlank(), "blank Spanish text for " + key);
        assertFalse(ENGLISH.getProperty(key).isBlank(), "blank English text for " + key);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // DomainException subclasses
                "validation_failed",
                "service_busy",
                "invalid_credentials",
                "account_disabled",
                "invalid_refresh_token",
                "invalid_token",
                "session_not_found",
                "invalid_current_password",
                "too_many_attempts",
                "user_not_found",
                "username_taken",
                "session_limit_reached",
                "end_session_invalid",
                "last_admin",
                "malformed_import",
                // EndReason problem codes
                "session_ended",
                "session_expired",
                "session_max_lifetime",
                "session_evicted",
                "password_changed",
                "session_revoked",
                "refresh_token_reused",
                // Failures.codeFor, ErrorServlet.codeFor and the mappers
                "bad_request",
                "malformed_json",
                "not_authenticated",
                "forbidden",
                "not_found",
                "method_not_allowed",
                "not_acceptable",
                "payload_too_large",
                "unsupported_media_type",
                "internal_error"
            })
    void everyProblemCodeHasASpanishAndAnEnglishText(String code) {
        assertTextInBothLanguages(code);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "required",
                "too_long",
                "too_short",
                "invalid_email",
                "invalid_format",
                "out_of_range",
                "unknown_role",
                "same_as_current",
                "equals_username",
                "invalid_query",
                "invalid_sort",
                "invalid_timestamp"
            })
    void everyViolationCodeHasASpanishAndAnEnglishText(String code) {
        assertTextInBothLanguages("violation." + code);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 405, 406, 409, 413, 415, 500, 503})
    void everyStatusAnsweredHasATitleInBothLanguages(int status) {
        assertTextInBothLanguages("title." + status);
    }

    @Test
    void bothLanguagesHaveTheSameKeys() {
        assertEquals(new TreeSet<>(SPANISH.stringPropertyNames()), new TreeSet<>(ENGLISH.stringPropertyNames()));
    }

    @Test
    void theSpanishBundleIsReadAsUtf8() {
        assertEquals("Máximo de dispositivos conectados", SPANISH.getProperty("session_limit_reached"));
        assertEquals("Máximo de dispositivos conectados", Messages.text("session_limit_reached", Messages.SPANISH));
    }

    @Test
    void englishTextsAreTranslationsNotCopies() {
        List<String> untranslated = SPANISH.stringPropertyNames().stream()
                .filter(key -> SPANISH.getProperty(key).equals(ENGLISH.getProperty(key)))
                .sorted()
                .toList();

        assertEquals(List.of(), untranslated);
    }

    // The lists above are checked against the code itself, so a new code cannot ship without texts.

    private static final Pattern DOMAIN_CODE = Pattern.compile("super\\(\"([a-z_]+)\",\\s*(\\d{3})");
    private static final Pattern FACTORY_CODE = Pattern.compile("new SessionLimitReachedException\\(\"([a-z_]+)\"");
    private static final Pattern END_REASON_CODE = Pattern.compile("(?m)^\\s*[A-Z_]+\\(\"([a-z_]+)\"\\)");
    private static final Pattern RESPONSE_CODE = Pattern.compile("Problem\\.(?:response|body)\\(\"([a-z_]+)\"");
    private static final Pattern SWITCH_CODE = Pattern.compile("(?:->|\\?|:|return)\\s*\"([a-z_]+)\"");
    private static final Pattern VIOLATION = Pattern.compile(
            "(?:new (?:QueryRejectedException|InvalidInputException|Broken)\\([^,()]+,\\s*)\"([a-z_]+)\"\\)");

    private static String source(String relative) {
        try {
            return Files.readString(SOURCES.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> allSources() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .sorted()
                    .map(f -> {
                        try {
                            return Files.readString(f);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    @Test
    void everyProblemCodeInTheSourcesHasTexts() {
        TreeSet<String> codes = new TreeSet<>();
        TreeSet<String> statuses = new TreeSet<>();
        for (String text : allSources()) {
            Matcher domain = DOMAIN_CODE.matcher(text);
            while (domain.find()) {
                codes.add(domain.group(1));
                statuses.add(domain.group(2));
            }
            codes.addAll(all(FACTORY_CODE, text));
            codes.addAll(all(RESPONSE_CODE, text));
        }
        codes.addAll(all(END_REASON_CODE, source("io/portero/sessions/entity/EndReason.java")));
        codes.addAll(all(SWITCH_CODE, source("io/portero/platform/problem/Failures.java")));
        codes.addAll(all(SWITCH_CODE, source("io/portero/platform/http/ErrorServlet.java")));

        assertTrue(
                codes.containsAll(List.of(
                        "session_limit_reached",
                        "session_evicted",
                        "not_found",
                        "method_not_allowed",
                        "internal_error",
                        "service_busy")),
                "the scan found only " + codes);
        codes.forEach(MessageBundlesTest::assertTextInBothLanguages);
        statuses.forEach(status -> assertTextInBothLanguages("title." + status));
    }

    @Test
    void everyViolationCodeInTheSourcesHasTexts() {
        TreeSet<String> codes = new TreeSet<>();
        allSources().forEach(text -> codes.addAll(all(VIOLATION, text)));
        codes.addAll(all(SWITCH_CODE, source("io/portero/platform/problem/ViolationCodes.java")));

        assertTrue(
                codes.containsAll(List.of(
                        "unknown_role",
                        "invalid_sort",
                        "invalid_timestamp",
                        "same_as_current",
                        "equals_username",
                        "too_short",
                        "out_of_range",
                        "invalid_email")),
                "the scan found only " + codes);
        codes.forEach(code -> assertTextInBothLanguages("violation." + code));
    }
}
