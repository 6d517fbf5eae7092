package io.portero.sessions.control;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * Short names for the devices a user is signed in on, such as "Chrome on Android" or "Safari on
 * iOS", so that a user looking at their sessions can tell which one to sign out.
 *
 * <p>The name is read from the browser's User-Agent: the browser, then the operating system.
 * Only the operating system known gives "Android device", only the browser gives "Firefox", and
 * neither gives "Unknown device". Labels are at most {@value #MAX_LABEL_LENGTH} characters, and
 * only the first {@value #MAX_USER_AGENT_LENGTH} characters of a User-Agent are read. Recent
 * answers are remembered, as the same few User-Agents come back again and again.
 *
 * <p>Building the parser takes a moment, so one instance is made and shared; it is safe to use
 * from many threads.
 */
public final class DeviceLabels {

    /** The label when nothing is known about the device. */
    public static final String UNKNOWN = "Unknown device";

    /** How many characters of a User-Agent are read. */
    public static final int MAX_USER_AGENT_LENGTH = 512;
    /** The longest label given. */
    public static final int MAX_LABEL_LENGTH = 100;
    /** How many User-Agents a labeller made without a size remembers. */
    public static final int DEFAULT_CACHE_SIZE = 1024;

    private static final String OTHER = "Other";
    private static final Map<String, String> BROWSER_NAMES = Map.of(
            "Mobile Safari", "Safari",
            "Mobile Safari UI/WKWebView", "Safari WebView");
    private static final Map<String, String> OS_NAMES = Map.of(
            "Mac OS X", "macOS",
            "Chrome OS", "ChromeOS");

    private final Parser parser;
    private final Map<String, String> cache;

    /** A labeller remembering the last {@value #DEFAULT_CACHE_SIZE} User-Agents. */
    public DeviceLabels() {
        this(DEFAULT_CACHE_SIZE);
    }

    /** A labeller remembering the last {@code cacheSize} User-Agents. */
    public DeviceLabels(int cacheSize) {
        if (cacheSize < 0) {
            throw new IllegalArgumentException("cacheSize must not be negative: " + cacheSize);
        }
        this.parser = new Parser();
        this.cache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > cacheSize;
            }
        });
    }

    /**
     * The label for a User-Agent, never {@code null}.
     *
     * @param userAgent the {@code User-Agent} header, or {@code null}
     */
    public String label(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UNKNOWN;
        }
        String key = truncate(userAgent.strip(), MAX_USER_AGENT_LENGTH);
        String cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        String label = compute(key);
        cache.put(key, label);
        return label;
    }

    /**
     * The first {@code max} characters of a User-Agent, without splitting a surrogate pair.
     *
     * @return {@code null} for {@code null}, the same string when it is short enough
     */
    public static String truncate(String userAgent, int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        if (userAgent == null || userAgent.length() <= max) {
            return userAgent;
        }
        int end = max;
        if (end > 0 && Character.isHighSurrogate(userAgent.charAt(end - 1))) {
            end--;
        }
        return userAgent.substring(0, end);
    }

    private String compute(String userAgent) {
        Client client;
        try {
            client = parser.parse(userAgent);
        } catch (RuntimeException e) {
            return UNKNOWN;
        }
        String os = client.os == null ? null : osName(client.os.family);
        String browser = client.userAgent == null ? null : browserName(client.userAgent.family);
        if (browser != null && os != null && browser.equalsIgnoreCase(os)) {
            browser = null;
        }
        String label;
        if (browser != null && os != null) {
            label = browser + " on " + os;
        } else if (os != null) {
            label = os + " device";
        } else if (browser != null) {
            label = browser;
        } else {
            return UNKNOWN;
        }
        return truncate(label, MAX_LABEL_LENGTH).strip();
    }

    private static String browserName(String family) {
        String name = clean(family);
        if (name == null) {
            return null;
        }
        String known = BROWSER_NAMES.get(name);
        if (known != null) {
            return known;
        }
        String[] words = name.split(" ");
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            boolean mobile = words[i].equals("Mobile");
            boolean trailingIos = i == words.length - 1 && i > 0 && words[i].equals("iOS");
            if (!mobile && !trailingIos) {
                kept.append(kept.length() == 0 ? "" : " ").append(words[i]);
            }
        }
        return kept.length() == 0 ? name : kept.toString();
    }

    private static String osName(String family) {
        String name = clean(family);
        return name == null ? null : OS_NAMES.getOrDefault(name, name);
    }

    /** The family without control characters or runs of spaces; {@code null} when unknown. */
    private static String clean(String family) {
        if (family == null) {
            return null;
        }
        StringBuilder cleaned = new StringBuilder(family.length());
        family.codePoints()
                .map(c -> Character.isISOControl(c) || Character.isWhitespace(c) ? ' ' : c)
                .forEach(cleaned::appendCodePoint);
        String name = cleaned.toString().strip().replaceAll(" {2,}", " ");
        return name.isEmpty() || name.equals(OTHER) ? null : name;
    }

    @Override
    public String toString() {
        return "DeviceLabels[cached=" + cache.size() + "]";
    }

    int cachedCount() {
        return cache.size();
    }

    boolean isCached(String userAgent) {
        Objects.requireNonNull(userAgent, "userAgent");
        return cache.containsKey(truncate(userAgent.strip(), MAX_USER_AGENT_LENGTH));
    }
}
