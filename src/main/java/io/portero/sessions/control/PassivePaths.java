package io.portero.sessions.control;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The application paths whose requests are background polls, not user activity, when a reverse
 * proxy asks Portero about them (forward-auth): {@code portero.forward-auth.passive-paths}.
 *
 * <p>The list is separated by commas. An entry is a path glob, optionally preceded by an HTTP
 * method and a space ({@code GET /api/notifications/poll}); without a method it matches every
 * method. In a glob {@code *} stands for one path segment (or, inside a segment, for any characters
 * but {@code /}) and {@code **} for any number of segments, none included: {@code /api/*}{@code
 * /status} matches {@code /api/orders/status}, {@code /events/**} matches {@code /events} and
 * {@code /events/a/b}. A trailing slash never matters. The request path is matched without its
 * query, percent-decoded and with dot segments resolved, as the application will see it.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class PassivePaths {

    private static final PassivePaths NONE = new PassivePaths(List.of());
    private static final Pattern METHOD = Pattern.compile("[A-Za-z]+");

    private record Entry(String method, Pattern path) {}

    private final List<Entry> entries;

    private PassivePaths(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static PassivePaths none() {
        return NONE;
    }

    /**
     * Reads a list such as {@code /api/notifications/poll, GET /api/*}{@code /status}.
     *
     * @param list the entries, or {@code null} or blank for none
     * @throws IllegalArgumentException naming the first entry that is not {@code [METHOD ]/glob}
     */
    public static PassivePaths parse(String list) {
        if (list == null || list.isBlank()) {
            return NONE;
        }
        List<Entry> entries = new ArrayList<>();
        for (String raw : list.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            String method = null;
            String glob = entry;
            int space = entry.indexOf(' ');
            if (space > 0) {
                method = entry.substring(0, space);
                glob = entry.substring(space + 1).strip();
                if (!METHOD.matcher(method).matches()) {
                    throw new IllegalArgumentException("not an HTTP method in passive path '" + entry + "'");
                }
                method = method.toUpperCase(Locale.ROOT);
            }
            if (!glob.startsWith("/") || glob.chars().anyMatch(c -> c <= ' ' || c == '?' || c == '#')) {
                throw new IllegalArgumentException("a passive path is [METHOD ]/glob, not '" + entry + "'");
            }
            entries.add(new Entry(method, Pattern.compile(regex(glob))));
        }
        return entries.isEmpty() ? NONE : new PassivePaths(entries);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Whether a request is a background poll.
     *
     * @param method the original request's method, or {@code null} when unknown (then only entries
     *     without a method can match)
     * @param uri the original request's path as sent, with or without its query, or {@code null}
     */
    public boolean matches(String method, String uri) {
        if (entries.isEmpty() || uri == null) {
            return false;
        }
        String path = path(uri);
        if (path == null) {
            return false;
        }
        for (Entry entry : entries) {
            if ((entry.method() == null || entry.method().equalsIgnoreCase(method))
                    && entry.path().matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The decoded, normalized path without query and trailing slash; null when it is not a path. */
    static String path(String uri) {
        int cut = uri.length();
        for (char stop : new char[] {'?', '#'}) {
            int at = uri.indexOf(stop);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        String raw = uri.substring(0, cut);
        if (!raw.startsWith("/")) {
            return null;
        }
        String path;
        try {
            path = URI.create(raw).normalize().getPath();
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (path == null || path.startsWith("/..")) {
            return null;
        }
        return withoutTrailingSlash(path);
    }

    private static String withoutTrailingSlash(String path) {
        int end = path.length();
        while (end > 1 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }

    private static String regex(String glob) {
        StringBuilder regex = new StringBuilder();
        String trimmed = withoutTrailingSlash(glob);
        if (trimmed.equals("/")) {
            return "/";
        }
        for (String segment : trimmed.substring(1).split("/", -1)) {
            if (segment.equals("**")) {
                regex.append("(?:/[^/]+)*");
            } else if (segment.equals("*")) {
                regex.append("/[^/]+");
            } else {
                regex.append('/');
                String[] parts = segment.split("\\*", -1);
                for (int i = 0; i < parts.length; i++) {
                    if (i > 0) {
                        regex.append("[^/]*");
                    }
                    if (!parts[i].isEmpty()) {
                        regex.append(Pattern.quote(parts[i]));
                    }
                }
            }
        }
        return regex.toString();
    }
}
