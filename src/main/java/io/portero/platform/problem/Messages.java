package io.portero.platform.problem;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The human texts of problems and violations, by stable code. Spanish is the default (the users'
 * language); English is chosen when the client prefers it in {@code Accept-Language}.
 */
public final class Messages {

    public static final Locale SPANISH = Locale.forLanguageTag("es");
    public static final Locale ENGLISH = Locale.ENGLISH;
    private static final String BUNDLE = "io.portero.platform.problem.messages";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {}

    /**
     * The supported language that best matches an {@code Accept-Language} preference list
     * (already ordered by quality), or Spanish when nothing matches.
     */
    public static Locale negotiate(List<Locale> preferred) {
        for (Locale locale : preferred) {
            String language = locale.getLanguage();
            if ("es".equals(language)) {
                return SPANISH;
            }
            if ("en".equals(language)) {
                return ENGLISH;
            }
        }
        return SPANISH;
    }

    /** The text for a key in the given language; the key itself if no text exists. */
    public static String text(String key, Locale locale, Object... arguments) {
        ResourceBundle bundle = ResourceBundle.getBundle(
                BUNDLE,
                ENGLISH.getLanguage().equals(locale.getLanguage()) ? ENGLISH : Locale.ROOT,
                Messages.class.getClassLoader(),
                NO_FALLBACK);
        try {
            String pattern = bundle.getString(key);
            return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
        } catch (MissingResourceException e) {
            return key;
        }
    }
}
