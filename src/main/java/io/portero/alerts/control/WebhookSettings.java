package io.portero.alerts.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/**
 * Where and how alerts are posted ({@code portero.alerts.*}), checked once. No URL: no webhook.
 *
 * @param url an absolute {@code http} or {@code https} URL, or null for none
 * @param secret the HMAC key, or null to send unsigned requests
 * @param timeout the limit for connecting and again for the whole request of one attempt
 * @param attempts how many times one alert is tried (1 = no retry)
 * @param retryDelay the wait before the second attempt, doubling before each further one
 */
public record WebhookSettings(URI url, String secret, Duration timeout, int attempts, Duration retryDelay) {

    public static final int MAX_ATTEMPTS = 10;

    public WebhookSettings {
        if (timeout == null
                || timeout.isNegative()
                || timeout.isZero()
                || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException(
                    "portero.alerts.webhook-timeout must be more than 0 and at most PT1M: " + timeout);
        }
        if (attempts < 1 || attempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException(
                    "portero.alerts.webhook-attempts must be 1 to " + MAX_ATTEMPTS + ": " + attempts);
        }
        if (retryDelay == null || retryDelay.isNegative() || retryDelay.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("portero.alerts.webhook-retry-delay must be 0 to PT1H: " + retryDelay);
        }
        if (secret != null && secret.isEmpty()) {
            secret = null;
        }
    }

    /** Reads the URL: blank means none; anything else must be an absolute http(s) URL with a host. */
    public static URI parseUrl(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("portero.alerts.webhook-url must be an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("portero.alerts.webhook-url is not a URL", e);
        }
    }

    public boolean enabled() {
        return url != null;
    }

    /** The wait before attempt {@code attempt} (2, 3, ...): the retry delay, doubled for each attempt before. */
    public Duration delayBefore(int attempt) {
        if (attempt <= 1) {
            return Duration.ZERO;
        }
        return retryDelay.multipliedBy(1L << Math.min(attempt - 2, 20));
    }

    /**
     * The webhook as it may appear in a log line: scheme, host and port only. The path or query of a
     * webhook URL often carries a token of its own.
     */
    public String where() {
        if (url == null) {
            return "none";
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    /** Whether an answer with this status is worth another attempt: 408, 429 and 5xx. */
    public static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    @Override
    public String toString() {
        return "WebhookSettings[url=" + where() + ", signed=" + (secret != null) + ", timeout=" + timeout
                + ", attempts=" + attempts + ", retryDelay=" + retryDelay + "]";
    }
}
