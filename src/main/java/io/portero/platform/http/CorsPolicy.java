package io.portero.platform.http;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which web origins may call the API from a browser: exactly those listed in
 * {@value #KEY}, none by default. Since the API's answers are read with credentials (the
 * {@code Authorization} header, the refresh cookie), {@code *} is refused at start-up, and so is
 * {@code null} (the origin of sandboxed frames and local files, which anyone can have). An origin is
 * {@code scheme://host[:port]} with scheme {@code http} or {@code https} and nothing after it, as
 * browsers send it in the {@code Origin} header; a default port ({@code :443} for https, {@code :80}
 * for http) is dropped, as browsers drop it.
 */
@ApplicationScoped
public class CorsPolicy {

    public static final String KEY = "portero.http.cors.allowed-origins";

    /** The request headers a cross-origin page may send (besides the CORS-safelisted ones). */
    public static final List<String> ALLOWED_HEADERS = List.of(
            "Authorization", "Content-Type", "Accept-Language", "X-Portero-Activity", ScriptedRequests.CLIENT_HEADER);

    public static final List<String> ALLOWED_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    /** The answer headers a cross-origin page may read (besides the CORS-safelisted ones). */
    public static final List<String> EXPOSED_HEADERS =
            List.of("Retry-After", "Content-Type", "Location", "WWW-Authenticate");

    /** How long a browser may reuse a preflight answer (Chromium caps it at 2 hours). */
    public static final int MAX_AGE_SECONDS = 600;

    @Inject
    @ConfigProperty(name = KEY)
    Optional<String> configured;

    private Set<String> origins = Set.of();

    @PostConstruct
    void init() {
        origins = parse(configured.orElse(""));
    }

    /** Reads the list at start-up, so that a wrong entry stops the deployment with its message. */
    void validateAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // @PostConstruct has run by now.
    }

    /** Whether any origin is listed; if not, no answer carries a CORS header. */
    public boolean isEnabled() {
        return !origins.isEmpty();
    }

    /** Whether the {@code Origin} header names a listed origin (exactly, as browsers write it). */
    public boolean allows(String origin) {
        return origin != null && origins.contains(origin);
    }

    /**
     * The origins of a comma- and/or whitespace-separated list.
     *
     * @throws IllegalArgumentException naming the key and the first entry that is not an origin
     */
    public static Set<String> parse(String list) {
        Set<String> origins = new LinkedHashSet<>();
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        for (String entry : list.strip().split("[,\\s]+")) {
            if (!entry.isEmpty()) {
                origins.add(origin(entry));
            }
        }
        return Set.copyOf(origins);
    }

    static String origin(String entry) {
        if (entry.equals("*")) {
            throw invalid(
                    entry,
                    "'*' cannot be used: the API is called with credentials (Authorization, the refresh cookie), "
                            + "so each origin must be listed by name");
        }
        if (entry.equalsIgnoreCase("null")) {
            throw invalid(entry, "the 'null' origin (sandboxed frames, local files) can be anyone's");
        }
        URI uri;
        try {
            uri = new URI(entry);
        } catch (URISyntaxException e) {
            throw invalid(entry, "not a URI: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw invalid(entry, "an origin is http:// or https:// followed by a host, e.g. https://app.example.com");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw invalid(entry, "no host name, or user information before it");
        }
        if (!uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(entry, "an origin has no path, not even '/', no query and no fragment");
        }
        int port = uri.getPort();
        boolean defaultPort =
                port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static IllegalArgumentException invalid(String entry, String why) {
        return new IllegalArgumentException(KEY + ": '" + entry + "' is not allowed: " + why);
    }
}
