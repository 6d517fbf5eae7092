package io.portero.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void withoutAPreferenceTheAnswerIsSpanish() {
        assertEquals(Messages.SPANISH, Messages.negotiate(List.of()));
    }

    @Test
    void aRegionalEnglishPreferenceGetsEnglish() {
        assertEquals(Messages.ENGLISH, Messages.negotiate(List.of(Locale.forLanguageTag("en-US"))));
        assertEquals(Messages.ENGLISH, Messages.negotiate(List.of(Locale.forLanguageTag("en-GB"))));
    }

    @Test
    void theFirstSupportedLanguageInPreferenceOrderWins() {
        assertEquals(Messages.ENGLISH, Messages.negotiate(List.of(Locale.FRENCH, Locale.ENGLISH)));
        assertEquals(Messages.ENGLISH, Messages.negotiate(List.of(Locale.ENGLISH, Locale.forLanguageTag("es"))));
        assertEquals(Messages.SPANISH, Messages.negotiate(List.of(Locale.forLanguageTag("es-MX"), Locale.ENGLISH)));
    }

    @Test
    void onlyUnsupportedLanguagesFallBackToSpanish() {
        assertEquals(Messages.SPANISH, Messages.negotiate(List.of(Locale.GERMAN)));
        assertEquals(Messages.SPANISH, Messages.negotiate(List.of(Locale.GERMAN, Locale.FRENCH, Locale.ROOT)));
    }

    @Test
    void theDeviceLimitTextIsSpanishByDefaultAndEnglishOnRequest() {
        assertEquals("Máximo de dispositivos conectados", Messages.text("session_limit_reached", Messages.SPANISH));
        assertEquals(
                "Maximum number of connected devices reached",
                Messages.text("session_limit_reached", Messages.ENGLISH));
        assertEquals(
                "Maximum number of connected devices reached",
                Messages.text("session_limit_reached", Locale.forLanguageTag("en-US")));
    }

    @Test
    void aLanguageWithoutTextsGetsSpanish() {
        assertEquals("Máximo de dispositivos conectados", Messages.text("session_limit_reached", Locale.GERMAN));
    }

    @Test
    void spanishTextsDoNotDependOnTheServersDefaultLocale() {
        Locale original = Locale.getDefault();
        try {
            Locale.setDefault(Locale.ENGLISH);

            assertEquals("Máximo de dispositivos conectados", Messages.text("session_limit_reached", Messages.SPANISH));
            assertEquals("No encontrado", Messages.text("title.404", Messages.SPANISH));
        } finally {
            Locale.setDefault(original);
        }
    }

    @Test
    void anUnknownKeyIsAnsweredWithTheKeyItself() {
        assertEquals("no_such_code", Messages.text("no_such_code", Messages.SPANISH));
        assertEquals("violation.no_such_rule", Messages.text("violation.no_such_rule", Messages.ENGLISH));
    }
}
