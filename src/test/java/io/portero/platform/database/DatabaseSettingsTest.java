package io.portero.platform.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseSettingsTest {

    private static final String H2_OPTIONS =
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE";

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void dbUrlWinsOverEverythingElse() {
        DatabaseSettings settings = DatabaseSettings.resolve(env(
                "DB_URL", "jdbc:postgresql://primary:5432/portero",
                "DB_USER", "portero",
                "DB_PASSWORD", "hunter2",
                "DATABASE_URL", "postgres://other:pw@elsewhere/db",
                "PORTERO_DATA_DIR", "/srv/portero"));

        assertEquals("jdbc:postgresql://primary:5432/portero", settings.jdbcUrl());
        assertEquals("portero", settings.user());
        assertEquals("hunter2", settings.password());
        assertEquals("org.postgresql.ds.PGSimpleDataSource", settings.dataSourceClass());
        assertTrue(settings.isPostgreSql());
        assertFalse(settings.isEmbedded());
    }

    @Test
    void dbUrlWithoutCredentialsLeavesThemToTheDriver() {
        DatabaseSettings settings = DatabaseSettings.resolve(env("DB_URL", "jdbc:h2:mem:test"));

        assertEquals("jdbc:h2:mem:test", settings.jdbcUrl());
        assertNull(settings.user());
        assertNull(settings.password());
        assertEquals("org.h2.jdbcx.JdbcDataSource", settings.dataSourceClass());
        assertTrue(settings.isEmbedded());
    }

    @Test
    void dataSourceClassCanBeNamedExplicitly() {
        DatabaseSettings settings = DatabaseSettings.resolve(env(
                "DB_URL", "jdbc:mariadb://db/portero",
                "DB_DATASOURCE_CLASS", "org.mariadb.jdbc.MariaDbDataSource"));

        assertEquals("org.mariadb.jdbc.MariaDbDataSource", settings.dataSourceClass());
        assertFalse(settings.isPostgreSql());
        assertFalse(settings.isEmbedded());
    }

    @Test
    void explicitDataSourceClassAlsoAppliesToTheOtherSources() {
        assertEquals(
                "com.example.Pooled",
                DatabaseSettings.resolve(
                                env("DATABASE_URL", "postgres://h/db", "DB_DATASOURCE_CLASS", "com.example.Pooled"))
                        .dataSourceClass());
        assertEquals(
                "com.example.Pooled",
                DatabaseSettings.resolve(env("DB_DATASOURCE_CLASS", "com.example.Pooled"))
                        .dataSourceClass());
    }

    @Test
    void unknownJdbcUrlWithoutDataSourceClassIsRejected() {
        IllegalArgumentException error = assertThrows(
                IllegalArgumentException.class,
                () -> DatabaseSettings.resolve(env("DB_URL", "jdbc:mysql://db/portero?password=s3cr3t")));

        assertTrue(error.getMessage().contains("DB_DATASOURCE_CLASS"), error.getMessage());
        assertTrue(error.getMessage().contains("jdbc:mysql:"), error.getMessage());
        assertFalse(error.getMessage().contains("s3cr3t"), error.getMessage());
    }

    @Test
    void dbUrlThatIsNotJdbcIsRejected() {
        IllegalArgumentException error = assertThrows(
                IllegalArgumentException.class,
                () -> DatabaseSettings.resolve(env("DB_URL", "postgres://u:s3cr3t@h/db")));

        assertTrue(error.getMessage().contains("DB_URL"), error.getMessage());
        assertFalse(error.getMessage().contains("s3cr3t"), error.getMessage());
    }

    @Test
    void herokuDatabaseUrlIsTranslatedAndDecoded() {
        DatabaseSettings settings = DatabaseSettings.resolve(
                env("DATABASE_URL", "postgres://u%40x:p%3Ass@db.example.com:6543/app?sslmode=require"));

        assertEquals("jdbc:postgresql://db.example.com:6543/app?sslmode=require", settings.jdbcUrl());
        assertEquals("u@x", settings.user());
        assertEquals("p:ss", settings.password());
        assertEquals("org.postgresql.ds.PGSimpleDataSource", settings.dataSourceClass());
        assertTrue(settings.isPostgreSql());
    }

    @Test
    void postgresqlSchemeIsAcceptedToo() {
        DatabaseSettings settings = DatabaseSettings.resolve(
                env("DATABASE_URL", "postgresql://railway:pw@containers.railway.app:7432/railway"));

        assertEquals("jdbc:postgresql://containers.railway.app:7432/railway", settings.jdbcUrl());
        assertEquals("railway", settings.user());
        assertEquals("pw", settings.password());
    }

    @Test
    void schemeIsCaseInsensitive() {
        assertEquals(
                "jdbc:postgresql://h:5432/db",
                DatabaseSettings.resolve(env("DATABASE_URL", "POSTGRES://h/db")).jdbcUrl());
    }

    @Test
    void missingPortDefaultsTo5432() {
        DatabaseSettings settings =
                DatabaseSettings.resolve(env("DATABASE_URL", "postgres://u:pw@db.internal/portero"));

        assertEquals("jdbc:postgresql://db.internal:5432/portero", settings.jdbcUrl());
    }

    @Test
    void containerServiceNamesWithUnderscoresAreHostsToo() {
        assertEquals(
                "jdbc:postgresql://my_db:5432/app",
                DatabaseSettings.resolve(env("DATABASE_URL", "postgres://u:pw@my_db/app"))
                        .jdbcUrl());
        assertEquals(
                "jdbc:postgresql://my_db.internal_net:6543/app?sslmode=require",
                DatabaseSettings.resolve(
                                env("DATABASE_URL", "postgres://u:pw@my_db.internal_net:6543/app?sslmode=require"))
                        .jdbcUrl());
    }

    @Test
    void ipv6HostStaysInBrackets() {
        assertEquals(
                "jdbc:postgresql://[2001:db8::5]:6000/app?sslmode=verify-full",
                DatabaseSettings.resolve(
                                env("DATABASE_URL", "postgres://u:pw@[2001:db8::5]:6000/app?sslmode=verify-full"))
                        .jdbcUrl());
        assertEquals(
                "jdbc:postgresql://[::1]:5432/app",
                DatabaseSettings.resolve(env("DATABASE_URL", "postgres://[::1]/app"))
                        .jdbcUrl());
    }

    @Test
    void credentialsMayBeAbsent() {
        DatabaseSettings settings = DatabaseSettings.resolve(env("DATABASE_URL", "postgres://db.example.com/app"));

        assertEquals("jdbc:postgresql://db.example.com:5432/app", settings.jdbcUrl());
        assertNull(settings.user());
        assertNull(settings.password());
    }

    @Test
    void userWithoutPassword() {
        DatabaseSettings settings = DatabaseSettings.resolve(env("DATABASE_URL", "postgres://alice@db/app"));

        assertEquals("alice", settings.user());
        assertNull(settings.password());
    }

    @Test
    void unencodedAtSignInPasswordIsTolerated() {
        DatabaseSettings settings = DatabaseSettings.resolve(env("DATABASE_URL", "postgres://u:p@ss@db/app"));

        assertEquals("jdbc:postgresql://db:5432/app", settings.jdbcUrl());
        assertEquals("p@ss", settings.password());
    }

    @Test
    void percentDecodingIsUtf8AndLeavesPlusAlone() {
        DatabaseSettings settings =
                DatabaseSettings.resolve(env("DATABASE_URL", "postgres://j%C3%BCrgen:a+b%2Fc@db/app"));

        assertEquals("jürgen", settings.user());
        assertEquals("a+b/c", settings.password());
    }

    @Test
    void unencodedNonAsciiCredentialsAreTolerated() {
        DatabaseSettings settings = DatabaseSettings.resolve(env("DATABASE_URL", "postgres://jürgen:pässwört@db/app"));

        assertEquals("jürgen", settings.user());
        assertEquals("pässwört", settings.password());
    }

    @Test
    void queryStringIsPassedThroughAndFragmentDropped() {
        assertEquals(
                "jdbc:postgresql://h:5432/db?sslmode=require&application_name=portero",
                DatabaseSettings.resolve(
                                env("DATABASE_URL", "postgres://h/db?sslmode=require&application_name=portero#ignored"))
                        .jdbcUrl());
    }

    @Test
    void jdbcDatabaseUrlIsUsedAsIs() {
        DatabaseSettings settings = DatabaseSettings.resolve(env(
                "DATABASE_URL", "jdbc:postgresql://db:5432/app?sslmode=require",
                "DB_USER", "app",
                "DB_PASSWORD", "pw"));

        assertEquals("jdbc:postgresql://db:5432/app?sslmode=require", settings.jdbcUrl());
        assertEquals("app", settings.user());
        assertEquals("pw", settings.password());
        assertEquals("org.postgresql.ds.PGSimpleDataSource", settings.dataSourceClass());
    }

    @Test
    void jdbcDatabaseUrlWithoutDbUserHasNoCredentials() {
        DatabaseSettings settings = DatabaseSettings.resolve(env("DATABASE_URL", "jdbc:postgresql://db/app"));

        assertNull(settings.user());
        assertNull(settings.password());
    }

    @Test
    void dbUserAndPasswordOverrideThoseInDatabaseUrl() {
        DatabaseSettings settings = DatabaseSettings.resolve(env(
                "DATABASE_URL", "postgres://platform:platformpw@db/app",
                "DB_USER", "portero",
                "DB_PASSWORD", "mine"));

        assertEquals("portero", settings.user());
        assertEquals("mine", settings.password());
    }

    @Test
    void dbPasswordAloneOverridesOnlyThePassword() {
        DatabaseSettings settings = DatabaseSettings.resolve(env(
                "DATABASE_URL", "postgres://platform:platformpw@db/app",
                "DB_PASSWORD", "mine"));

        assertEquals("platform", settings.user());
        assertEquals("mine", settings.password());
    }

    @Test
    void embeddedDefaultUsesTheDataDirectory(@TempDir Path dir) {
        DatabaseSettings settings = DatabaseSettings.resolve(env("PORTERO_DATA_DIR", dir + "/sub/../data"));

        Path expected = dir.resolve("data").toAbsolutePath().normalize().resolve("portero");
        assertEquals("jdbc:h2:file:" + expected + H2_OPTIONS, settings.jdbcUrl());
        assertEquals("sa", settings.user());
        assertEquals("", settings.password());
        assertEquals("org.h2.jdbcx.JdbcDataSource", settings.dataSourceClass());
        assertTrue(settings.isEmbedded());
        assertFalse(settings.isPostgreSql());
    }

    @Test
    void embeddedDefaultFallsBackToDotData() {
        DatabaseSettings settings = DatabaseSettings.resolve(Map.of());

        Path expected = Path.of("./data").toAbsolutePath().normalize().resolve("portero");
        assertEquals("jdbc:h2:file:" + expected + H2_OPTIONS, settings.jdbcUrl());
    }

    @Test
    void blankValuesCountAsAbsent() {
        DatabaseSettings settings = DatabaseSettings.resolve(env(
                "DB_URL", "  ",
                "DATABASE_URL", "",
                "DB_USER", " ",
                "DB_PASSWORD", "",
                "DB_DATASOURCE_CLASS", "\t",
                "PORTERO_DATA_DIR", " "));

        assertTrue(settings.isEmbedded());
        assertTrue(settings.jdbcUrl()
                .startsWith("jdbc:h2:file:"
                        + Path.of("./data").toAbsolutePath().normalize().resolve("portero")));
        assertEquals("org.h2.jdbcx.JdbcDataSource", settings.dataSourceClass());
    }

    @Test
    void valuesAreTrimmedButThePasswordIsKeptVerbatim() {
        DatabaseSettings settings = DatabaseSettings.resolve(
                env("DB_URL", " jdbc:postgresql://db/app\n", "DB_USER", " app ", "DB_PASSWORD", " pw with spaces "));

        assertEquals("jdbc:postgresql://db/app", settings.jdbcUrl());
        assertEquals("app", settings.user());
        assertEquals(" pw with spaces ", settings.password());
    }

    @Test
    void blankOverridesKeepTheCredentialsInDatabaseUrl() {
        DatabaseSettings settings = DatabaseSettings.resolve(
                env("DATABASE_URL", "postgres://platform:platformpw@db/app", "DB_USER", "", "DB_PASSWORD", " "));

        assertEquals("platform", settings.user());
        assertEquals("platformpw", settings.password());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "mysql://u:s3cr3tPW@db/app | scheme 'mysql'",
                "u:s3cr3tPW@db/app | not a URL",
                "postgres://u:s3cr3tPW@/app | no host",
                "postgres://u:s3cr3tPW@:5432/app | no host",
                "postgres://u:s3cr3tPW@db | no database name",
                "postgres://u:s3cr3tPW@db/ | no database name",
                "postgres://u:s3cr3tPW@db:5432/?sslmode=require | no database name",
                "postgres://u:s3cr3tPW%zz@db/app | invalid percent-encoding in the password",
                "postgres://u:s3cr3tPW%4@db/app | invalid percent-encoding in the password",
                "postgres://u%G1:s3cr3tPW@db/app | invalid percent-encoding in the user name",
                "postgres://u:s3cr3tPW%FF@db/app | not valid UTF-8",
                "postgres://u:s3cr3tPW@db:port/app | invalid port",
                "postgres://u:s3cr3tPW@db:99999999999/app | invalid port",
                "postgres://u:s3cr3tPW@db/app?x=a b | not a valid URL (Illegal character in query)",
                "postgres://u:s3cr3tPW@db:70000/app | invalid port",
                "postgres://u:s3cr3tPW@db:0/app | invalid port",
                "postgres://u:s3cr3tPW@2001:db8::1/app | not enclosed in [brackets]",
                "postgres://u:s3cr3tPW@[2001:db8::1/app | not a valid URL (Expected closing bracket for IPv6 address)",
                "postgres://u:s3cr3tPW@[not-ipv6]/app | not a valid URL (Malformed IPv6 address)",
                "postgres://u:s3cr3tPW@[::1]x/app | not a valid URL (Expected port number)",
            })
    void malformedDatabaseUrlIsRejectedWithoutRevealingThePassword(String url, String expected) {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> DatabaseSettings.resolve(env("DATABASE_URL", url)));

        String message = error.getMessage();
        assertTrue(message.startsWith("DATABASE_URL "), message);
        assertTrue(message.contains(expected), message);
        assertFalse(message.contains("s3cr3t"), message);
        assertFalse(message.contains(url), message);
    }

    @Test
    void unencodedSlashInPasswordIsTolerated() {
        DatabaseSettings settings = DatabaseSettings.resolve(env("DATABASE_URL", "postgres://user:pass/word@db/app"));

        assertEquals("jdbc:postgresql://db:5432/app", settings.jdbcUrl());
        assertEquals("pass/word", settings.password());
    }

    @Test
    void toStringAndDescribeNeverRevealThePassword() {
        DatabaseSettings settings = DatabaseSettings.resolve(
                env("DATABASE_URL", "postgres://app:Sup3rS3cret@db.example.com/app?sslmode=require"));

        assertFalse(settings.toString().contains("Sup3rS3cret"), settings.toString());
        assertFalse(settings.describe().contains("Sup3rS3cret"), settings.describe());
        assertTrue(settings.toString().contains("password=****"), settings.toString());
        assertEquals("jdbc:postgresql://db.example.com:5432/app?sslmode=require (user app)", settings.describe());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "jdbc:postgresql://db/app?user=app&password=Sup3rS3cret&sslmode=require",
                "jdbc:postgresql://db/app?sslmode=require&password=Sup3rS3cret",
                "jdbc:postgresql://db/app?PASSWORD=Sup3rS3cret",
                "jdbc:postgresql://db/app?sslpassword=Sup3rS3cret&ssl=true",
                "jdbc:h2:tcp://db/app;USER=sa;PASSWORD=Sup3rS3cret;MODE=PostgreSQL",
                "jdbc:postgresql://app:Sup3rS3cret@db/app",
            })
    void passwordsInsideTheJdbcUrlAreMasked(String url) {
        DatabaseSettings settings = DatabaseSettings.resolve(env("DB_URL", url, "DB_PASSWORD", "Sup3rS3cret"));

        assertFalse(settings.toString().contains("Sup3rS3cret"), settings.toString());
        assertFalse(settings.describe().contains("Sup3rS3cret"), settings.describe());
        assertTrue(settings.describe().contains("****"), settings.describe());
    }

    @Test
    void describeKeepsOtherQueryParameters() {
        DatabaseSettings settings =
                DatabaseSettings.resolve(env("DB_URL", "jdbc:postgresql://db/app?user=app&password=x&sslmode=require"));

        assertEquals("jdbc:postgresql://db/app?user=app&password=****&sslmode=require (no user)", settings.describe());
    }

    @Test
    void embeddedToStringShowsAnEmptyPasswordAsEmpty() {
        DatabaseSettings settings = DatabaseSettings.resolve(Map.of());

        assertTrue(settings.toString().contains("user=sa, password=,"), settings.toString());
        assertTrue(settings.describe().endsWith(" (user sa)"), settings.describe());
    }

    @Test
    void blankJdbcUrlIsRejectedByTheConstructor() {
        assertThrows(IllegalArgumentException.class, () -> new DatabaseSettings(" ", null, null, "x.Y"));
        assertThrows(NullPointerException.class, () -> new DatabaseSettings("jdbc:h2:mem:x", null, null, null));
    }
}
