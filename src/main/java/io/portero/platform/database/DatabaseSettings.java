package io.portero.platform.database;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where Portero keeps its data, worked out from the environment it was started in.
 *
 * <p>An operator who names a JDBC URL in {@code DB_URL} gets exactly that database. Otherwise a
 * platform that hands out a {@code DATABASE_URL} (Heroku, Railway, Render and the like, in the form
 * {@code postgres://user:password@host:port/database?options}) gets that PostgreSQL database.
 * Otherwise Portero runs on its own embedded H2 database in the data directory
 * ({@code PORTERO_DATA_DIR}, or {@code ./data}), so a first start needs no database at all.
 * {@code DB_USER} and {@code DB_PASSWORD} always win over credentials written inside a URL, and
 * {@code DB_DATASOURCE_CLASS} over the DataSource class guessed from the URL. Blank variables count
 * as unset; surrounding whitespace is trimmed from every variable except {@code DB_PASSWORD}.
 *
 * <p>The password is a secret: it never appears in {@link #toString()}, in {@link #describe()},
 * nor in the message of an error about a malformed URL.
 *
 * @param jdbcUrl the JDBC URL to connect to
 * @param user the database user, or {@code null} to leave it to the URL or the driver
 * @param password the database password, or {@code null} to leave it to the URL or the driver
 * @param dataSourceClass the fully qualified name of the {@code javax.sql.DataSource} to create
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, String dataSourceClass) {

    static final String POSTGRES_DATA_SOURCE = "org.postgresql.ds.PGSimpleDataSource";
    static final String H2_DATA_SOURCE = "org.h2.jdbcx.JdbcDataSource";

    private static final String POSTGRES_PREFIX = "jdbc:postgresql:";
    private static final String H2_PREFIX = "jdbc:h2:";
    private static final int DEFAULT_POSTGRES_PORT = 5432;
    private static final String H2_OPTIONS =
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE";
    private static final String MASK = "****";
    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)([?&;][^=?&;#]*password=)[^&;#]*");
    private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/?#@:]*:)[^/?#@]*@");
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]{0,15}");
    private static final Pattern QUERY_OR_FRAGMENT = Pattern.compile("[?#]");

    /**
     * Settings as given.
     *
     * @throws IllegalArgumentException if the JDBC URL or the DataSource class is blank
     */
    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(dataSourceClass, "dataSourceClass");
        if (jdbcUrl.isBlank()) {
            throw new IllegalArgumentException("the JDBC URL is blank");
        }
        if (dataSourceClass.isBlank()) {
            throw new IllegalArgumentException("the DataSource class is blank");
        }
    }

    /**
     * Works out the database from environment variables: {@code DB_URL} first, then a platform
     * {@code DATABASE_URL}, then the embedded H2 database in the data directory.
     *
     * @param env the environment, usually {@link System#getenv()}
     * @throws IllegalArgumentException if {@code DATABASE_URL} is malformed, or if no DataSource
     *     class is known for the URL and {@code DB_DATASOURCE_CLASS} is unset
     */
    public static DatabaseSettings resolve(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        String userOverride = value(env, "DB_USER");
        String passwordOverride = verbatim(env, "DB_PASSWORD");
        String dataSourceOverride = value(env, "DB_DATASOURCE_CLASS");

        String dbUrl = value(env, "DB_URL");
        if (dbUrl != null) {
            return withDataSource(dbUrl, userOverride, passwordOverride, dataSourceOverride, "DB_URL");
        }
        String databaseUrl = value(env, "DATABASE_URL");
        if (databaseUrl != null) {
            if (databaseUrl.regionMatches(true, 0, "jdbc:", 0, 5)) {
                return withDataSource(databaseUrl, userOverride, passwordOverride, dataSourceOverride, "DATABASE_URL");
            }
            PlatformUrl parsed = PlatformUrl.parse(databaseUrl);
            return withDataSource(
                    parsed.jdbcUrl(),
                    userOverride != null ? userOverride : parsed.user(),
                    passwordOverride != null ? passwordOverride : parsed.password(),
                    dataSourceOverride,
                    "DATABASE_URL");
        }
        String dataDir = value(env, "PORTERO_DATA_DIR");
        Path directory =
                Path.of(dataDir != null ? dataDir : "./data").toAbsolutePath().normalize();
        String h2Url = "jdbc:h2:file:" + directory.resolve("portero") + H2_OPTIONS;
        return withDataSource(h2Url, "sa", "", dataSourceOverride, "the embedded database");
    }

    /** Whether this is Portero's own embedded H2 database rather than a database server. */
    public boolean isEmbedded() {
        return startsWithIgnoreCase(jdbcUrl, H2_PREFIX);
    }

    /** Whether this is a PostgreSQL database. */
    public boolean isPostgreSql() {
        return startsWithIgnoreCase(jdbcUrl, POSTGRES_PREFIX);
    }

    /**
     * A line for the logs naming the database and the user, with any password in the URL masked
     * and the password itself left out.
     */
    public String describe() {
        return maskedUrl(jdbcUrl) + (user == null ? " (no user)" : " (user " + user + ")");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + maskedUrl(jdbcUrl)
                + ", user=" + user
                + ", password=" + (password == null ? null : password.isEmpty() ? "" : MASK)
                + ", dataSourceClass=" + dataSourceClass + "]";
    }

    private static DatabaseSettings withDataSource(
            String jdbcUrl, String user, String password, String dataSourceOverride, String source) {
        String dataSourceClass = dataSourceOverride != null ? dataSourceOverride : inferDataSource(jdbcUrl, source);
        return new DatabaseSettings(jdbcUrl, user, password, dataSourceClass);
    }

    private static String inferDataSource(String jdbcUrl, String source) {
        if (startsWithIgnoreCase(jdbcUrl, POSTGRES_PREFIX)) {
            return POSTGRES_DATA_SOURCE;
        }
        if (startsWithIgnoreCase(jdbcUrl, H2_PREFIX)) {
            return H2_DATA_SOURCE;
        }
        if (!startsWithIgnoreCase(jdbcUrl, "jdbc:")) {
            throw new IllegalArgumentException(source + " is not a JDBC URL (it must start with jdbc:)");
        }
        int end = jdbcUrl.indexOf(':', 5);
        String subprotocol = end < 0 ? "" : jdbcUrl.substring(5, end);
        String named = SCHEME.matcher(subprotocol).matches() ? " 'jdbc:" + subprotocol + ":'" : "";
        throw new IllegalArgumentException("no DataSource class is known for the JDBC URL" + named + " in " + source
                + "; only jdbc:postgresql: and jdbc:h2: are recognised, set DB_DATASOURCE_CLASS");
    }

    private static String maskedUrl(String url) {
        String masked = SECRET_PARAMETER.matcher(url).replaceAll("$1" + MASK);
        return URL_USER_INFO.matcher(masked).replaceAll("$1" + MASK + "@");
    }

    private static String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String verbatim(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static boolean startsWithIgnoreCase(String text, String prefix) {
        return text.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /**
     * A {@code postgres://} URL as platforms hand it out, turned into JDBC terms. {@link URI} reads
     * the host, port, database and query. The user info is cut off before that, at the last
     * {@code @} ahead of the query, because platforms do not always percent-encode an {@code @} or a
     * {@code /} in a password, which {@link URI} would read as part of the host or the path.
     */
    private record PlatformUrl(String jdbcUrl, String user, String password) {

        static PlatformUrl parse(String url) {
            int schemeEnd = url.indexOf("://");
            if (schemeEnd < 0) {
                throw malformed("is not a URL of the form postgres://user:password@host:port/database");
            }
            String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            if (!scheme.equals("postgres") && !scheme.equals("postgresql")) {
                String named = SCHEME.matcher(scheme).matches() ? " '" + scheme + "'" : "";
                throw malformed("has the scheme" + named + " but only postgres:// and postgresql:// are supported");
            }
            String rest = url.substring(schemeEnd + 3);
            Matcher queryOrFragment = QUERY_OR_FRAGMENT.matcher(rest);
            int at = rest.lastIndexOf('@', (queryOrFragment.find() ? queryOrFragment.start() : rest.length()) - 1);

            String user = null;
            String password = null;
            if (at >= 0) {
                String userInfo = rest.substring(0, at);
                int colon = userInfo.indexOf(':');
                user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user name");
                password = colon < 0 ? null : decode(userInfo.substring(colon + 1), "password");
            }

            Server server = server("postgres://" + rest.substring(at + 1));
            String database = server.rawPath().isEmpty() ? "" : server.rawPath().substring(1);
            if (database.isEmpty()) {
                throw malformed("has no database name (expected /database after the host)");
            }
            String query = server.rawQuery() == null ? "" : "?" + server.rawQuery();
            return new PlatformUrl(
                    "jdbc:postgresql://" + server.host() + ":" + port(server.port()) + "/" + database + query,
                    emptyToNull(user),
                    emptyToNull(password));
        }

        /** Host, port, path and query of the URL without its user info. */
        private record Server(String host, int port, String rawPath, String rawQuery) {}

        /**
         * Reads the URL with a server-based authority (host and port). A host name with an
         * underscore ({@code my_db}, as container networks name services) is not a host name to
         * {@link URI}, but the PostgreSQL driver resolves it: it is read with dashes in place of the
         * underscores and given back as written.
         */
        private static Server server(String text) {
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw malformed("is not a valid URL (" + e.getReason() + ")");
            }
            String authority = uri.getRawAuthority();
            String host = null;
            if (authority != null && UNDERSCORE_HOST.matcher(authority).matches()) {
                host = authority.contains(":") ? authority.substring(0, authority.indexOf(':')) : authority;
                uri = URI.create(
                        text.replaceFirst(Pattern.quote("//" + authority), "//" + authority.replace('_', '-')));
            }
            try {
                uri = uri.parseServerAuthority();
            } catch (URISyntaxException e) {
                if (authority == null || authority.startsWith(":")) {
                    throw malformed("has no host");
                }
                if (authority.indexOf(':') != authority.lastIndexOf(':')) {
                    throw malformed("has an IPv6 host that is not enclosed in [brackets]");
                }
                throw malformed("has an invalid port or host name (" + e.getReason() + ")");
            }
            if (uri.getHost() == null) {
                throw malformed("has no host");
            }
            return new Server(host == null ? uri.getHost() : host, uri.getPort(), uri.getRawPath(), uri.getRawQuery());
        }

        /** A registry-style name with at least one underscore, and perhaps a port. */
        private static final Pattern UNDERSCORE_HOST = Pattern.compile("[A-Za-z0-9-]*_[A-Za-z0-9_.-]*(:[0-9]*)?");

        private static int port(int port) {
            if (port == -1) {
                return DEFAULT_POSTGRES_PORT;
            }
            if (port < 1 || port > 65535) {
                throw malformed("has an invalid port (expected a number from 1 to 65535)");
            }
            return port;
        }

        /**
         * Percent-decodes strictly as UTF-8, leaving {@code +} alone (in a URL's user info it is
         * itself, not a space as in a form). {@link URLDecoder} turns each {@code %XX} into one
         * ISO-8859-1 character, that is into its byte, and the UTF-8 decoder then refuses byte
         * sequences that are not UTF-8 (where {@link URI#getUserInfo()} would quietly replace them).
         */
        private static String decode(String text, String what) {
            String octets = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            try {
                octets = URLDecoder.decode(octets.replace("+", "%2B"), StandardCharsets.ISO_8859_1);
            } catch (IllegalArgumentException e) {
                throw malformed("has invalid percent-encoding in the " + what);
            }
            try {
                return StandardCharsets.UTF_8
                        .newDecoder()
                        .decode(ByteBuffer.wrap(octets.getBytes(StandardCharsets.ISO_8859_1)))
                        .toString();
            } catch (CharacterCodingException e) {
                throw malformed("has percent-encoding in the " + what + " that is not valid UTF-8");
            }
        }

        private static String emptyToNull(String text) {
            return text == null || text.isEmpty() ? null : text;
        }

        private static IllegalArgumentException malformed(String problem) {
            return new IllegalArgumentException("DATABASE_URL " + problem);
        }
    }
}
