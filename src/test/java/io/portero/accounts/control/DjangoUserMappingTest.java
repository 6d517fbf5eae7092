package io.portero.accounts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portero.accounts.control.DjangoUserMapping.AdminFrom;
import io.portero.accounts.entity.ImportedUser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DjangoUserMappingTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final String PBKDF2 =
            "pbkdf2_sha256$260000$Kq3uX8tPz1LmR5vWc9yB2d$yEd0LeDaqeRlYGiKPlsCwE+luyBLkF8rkkmxQ9wmCZA=";

    private final DjangoUserMapping mapping =
            new DjangoUserMapping("auth.user", AdminFrom.SUPERUSER, ZoneId.of("Europe/Madrid"), NOW);

    /** A row as dumpdata writes it (Django 3.2, USE_TZ = True). */
    private static JsonObjectBuilder fields() {
        return Json.createObjectBuilder()
                .add("password", PBKDF2)
                .add("last_login", "2024-11-02T08:09:10.654Z")
                .add("is_superuser", false)
                .add("username", "ana")
                .add("first_name", "Ana")
                .add("last_name", "")
                .add("email", "ana@example.test")
                .add("is_staff", false)
                .add("is_active", true)
                .add("date_joined", "2019-03-04T05:06:07.123Z")
                .add("groups", Json.createArrayBuilder().add(1))
                .add("user_permissions", Json.createArrayBuilder());
    }

    private static JsonObject row(JsonObjectBuilder fields) {
        return Json.createObjectBuilder()
                .add("model", "auth.user")
                .add("pk", 7)
                .add("fields", fields)
                .build();
    }

    private ImportedUser map(JsonValue row) {
        return mapping.map(new DjangoExport.Row(3, 12, row));
    }

    private DjangoUserMapping.RowRefused refused(JsonValue row) {
        return assertThrows(DjangoUserMapping.RowRefused.class, () -> map(row));
    }

    @Test
    void mapsADumpdataRow() {
        ImportedUser user = map(row(fields()));

        assertEquals(3, user.index());
        assertEquals(12, user.line());
        assertEquals("7", user.pk());
        assertEquals("ana", user.username());
        assertEquals("ana", user.key());
        assertEquals("ana@example.test", user.email());
        assertEquals(PBKDF2, user.passwordHash());
        assertTrue(user.enabled());
        assertFalse(user.admin());
        assertEquals(Instant.parse("2019-03-04T05:06:07.123Z"), user.joinedAt());
        assertEquals(Instant.parse("2024-11-02T08:09:10.654Z"), user.lastLoginAt());
    }

    @Test
    void theUsernameIsNormalisedAsPorteroStoresIt() {
        ImportedUser user = map(row(fields().add("username", "ＡＮＡ_Ｘ")));

        assertEquals("ANA_X", user.username());
        assertEquals("ana_x", user.key());
        assertEquals(Optional.of("ana_x"), mapping.keyOf(row(fields().add("username", "ＡＮＡ_Ｘ"))));
    }

    @Test
    void everyAcceptedPasswordFormatIsKeptAsItIs() {
        for (String password : new String[] {
            PBKDF2,
            "argon2$argon2id$v=19$m=102400,t=2,p=8$MXp4OU5DdmhsUG9RT0lEVk9Pd2o2Sw$xuozkVkd/I/55XoS0rRj6g",
            "bcrypt_sha256$$2b$12$1jfIU/vl9YM2gJbx1Z7R1.zAkY.cJM0HEj9o3rEKcFlzJgqCKdi0i",
            "!11Yz0kMrIIIH5hnXOiw9D6C8MdlqlUOV8fclhDke"
        }) {
            assertEquals(password, map(row(fields().add("password", password))).passwordHash());
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "md5$tmEWbZKPmI2iMixFtKs50P$3c9a54d34af44b9fd3624883868bea6b",
                "bcrypt$$2b$12$1jfIU/vl9YM2gJbx1Z7R1.zAkY.cJM0HEj9o3rEKcFlzJgqCKdi0i",
                "argon2$argon2i$v=19$m=512,t=2,p=2$c29tZXNhbHQxNmJ5dGVzIQ$m6xBG8k85HgPW3aRhqsWoSVaaPky7WHJkPc8NhfAWfk",
                "correct horse battery staple",
                ""
            })
    void anyOtherPasswordFormatIsRefusedNeverGuessed(String password) {
        DjangoUserMapping.RowRefused refusal = refused(row(fields().add("password", password)));

        assertEquals("unknown_hash_format", refusal.reason());
        assertEquals("password", refusal.field());
    }

    @ParameterizedTest
    @CsvSource({
        "superuser, true, false, true",
        "superuser, false, true, false",
        "staff, false, true, true",
        "staff, true, false, false",
        "superuser-or-staff, true, false, true",
        "superuser-or-staff, false, true, true",
        "superuser-or-staff, false, false, false",
        "none, true, true, false",
        "Superuser-Or-Staff, false, true, true"
    })
    void administratorsComeFromTheConfiguredFlags(String from, boolean superuser, boolean staff, boolean admin) {
        DjangoUserMapping configured = new DjangoUserMapping("auth.user", AdminFrom.parse(from), ZoneId.of("UTC"), NOW);

        ImportedUser user = configured.map(new DjangoExport.Row(
                0, 1, row(fields().add("is_superuser", superuser).add("is_staff", staff))));

        assertEquals(admin, user.admin());
    }

    @Test
    void anUnknownAdminFromIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> AdminFrom.parse("root"));
    }

    @Test
    void anInactiveUserIsDisabled() {
        assertFalse(map(row(fields().add("is_active", false))).enabled());
    }

    @Test
    void absentFieldsTakeDjangosModelDefaults() {
        JsonObject bare = row(Json.createObjectBuilder().add("username", "bare").add("password", PBKDF2));

        ImportedUser user = map(bare);

        assertTrue(user.enabled());
        assertFalse(user.admin());
        assertNull(user.email());
        assertEquals(NOW, user.joinedAt());
        assertNull(user.lastLoginAt());
    }

    @Test
    void anEmptyEmailIsNoneAndANullLastLoginIsNever() {
        ImportedUser user = map(row(fields().add("email", "").add("last_login", JsonValue.NULL)));

        assertNull(user.email());
        assertNull(user.lastLoginAt());
    }

    @ParameterizedTest
    @CsvSource({
        "2020-01-02T03:04:05Z, 2020-01-02T03:04:05Z",
        "2020-01-02T03:04:05.123Z, 2020-01-02T03:04:05.123Z",
        "2020-01-02T03:04:05+02:00, 2020-01-02T01:04:05Z",
        "2020-01-02T03:04:05.123456+00:00, 2020-01-02T03:04:05.123456Z",
        // USE_TZ = False: no zone, read in the configured one (Madrid: UTC+1 in winter, +2 in summer)
        "2020-01-02T03:04:05, 2020-01-02T02:04:05Z",
        "2020-07-02T03:04:05.5, 2020-07-02T01:04:05.5Z"
    })
    void datesAreReadAsDjangoWritesThem(String written, String expected) {
        assertEquals(
                Instant.parse(expected),
                map(row(fields().add("date_joined", written))).joinedAt());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "yesterday",
                "2020-13-01T00:00:00Z",
                "2020-01-02",
                "2020-01-02 03:04:05",
                "+10000-01-01T00:00:00Z",
                "-0001-01-01T00:00:00Z",
                "0000-01-01T00:00:00Z"
            })
    void aDateThatDoesNotReadOrNoDatabaseStoresIsRefused(String written) {
        DjangoUserMapping.RowRefused refusal = refused(row(fields().add("date_joined", written)));

        assertEquals("invalid_field", refusal.reason());
        assertEquals("date_joined", refusal.field());
    }

    @Test
    void fieldsOfTheWrongTypeAreRefusedByName() {
        assertEquals("is_active", refused(row(fields().add("is_active", "yes"))).field());
        assertEquals(
                "is_superuser", refused(row(fields().add("is_superuser", 1))).field());
        assertEquals("email", refused(row(fields().add("email", 42))).field());
        assertEquals(
                "last_login",
                refused(row(fields().add("last_login", 1700000000))).field());
        assertEquals(
                "password",
                refused(row(fields().add("password", JsonValue.NULL))).field());
        assertEquals(
                "password",
                refused(row(fields().add("password", "!" + "x".repeat(600)))).field());
        assertEquals(
                "username",
                refused(row(fields().add("username", JsonValue.NULL))).field());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "with space",
                "semi;colon",
                "nul\u0000byte",
                "lone\ud800surrogate",
                "x\u0085y",
            })
    void aUsernamePorteroCannotHoldIsRefused(String username) {
        DjangoUserMapping.RowRefused refusal = refused(row(fields().add("username", username)));

        assertEquals("invalid_field", refusal.reason());
        assertEquals("username", refusal.field());
        assertEquals(Optional.empty(), mapping.keyOf(row(fields().add("username", username))));
    }

    @Test
    void aUsernameWhoseKeyOutgrowsTheColumnIsRefused() {
        assertEquals(
                "username",
                refused(row(fields().add("username", "İ".repeat(100)))).field());
        assertEquals(
                "x".repeat(150),
                map(row(fields().add("username", "x".repeat(150)))).username());
        assertEquals(
                "username",
                refused(row(fields().add("username", "x".repeat(151)))).field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-at-sign", "two@@example.test", "white space@example.test", "a@b\u0000c"})
    void anEmailThatIsNoneIsRefused(String email) {
        assertEquals("email", refused(row(fields().add("email", email))).field());
    }

    @Test
    void aRowOfAnotherModelOrShapeIsRefused() {
        assertEquals("not_an_object", refused(Json.createValue(42)).reason());
        assertEquals("not_an_object", refused(Json.createArrayBuilder().build()).reason());
        assertEquals(
                "wrong_model",
                refused(Json.createObjectBuilder()
                                .add("model", "auth.group")
                                .add("fields", fields())
                                .build())
                        .reason());
        assertEquals(
                "wrong_model",
                refused(Json.createObjectBuilder().add("fields", fields()).build())
                        .reason());
        assertEquals(
                "invalid_field",
                refused(Json.createObjectBuilder()
                                .add("model", "auth.user")
                                .add("fields", "x")
                                .build())
                        .reason());
    }

    @Test
    void theUserModelIsConfigurableAndReadInAnyLetterCase() {
        DjangoUserMapping custom = new DjangoUserMapping("Accounts.User", AdminFrom.SUPERUSER, ZoneId.of("UTC"), NOW);
        JsonObject row = Json.createObjectBuilder()
                .add("model", "accounts.user")
                .add("fields", fields())
                .build();

        assertEquals("ana", custom.map(new DjangoExport.Row(0, 1, row)).username());
        assertEquals("wrong_model", refused(row).reason());
    }

    @Test
    void theReportShowsThePkAndTheUsernameAsWrittenWhenTheyRead() {
        JsonObject row = row(fields().add("username", "with space"));

        assertEquals("7", DjangoUserMapping.pkOf(row));
        assertEquals("with space", DjangoUserMapping.rawUsernameOf(row));
        assertNull(DjangoUserMapping.pkOf(
                Json.createObjectBuilder().add("pk", Json.createArrayBuilder()).build()));
        assertNull(DjangoUserMapping.rawUsernameOf(row(fields().add("username", "a\u0000b"))));
        assertEquals(
                150,
                DjangoUserMapping.rawUsernameOf(row(fields().add("username", "y".repeat(400))))
                        .length());
    }
}
