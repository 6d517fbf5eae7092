package io.portero.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Users exported by a real Django import, keep their passwords, and log in. The export is
 * {@code src/test/resources/django/users.json} (and {@code users.jsonl}): written by Django 3.2's own
 * {@code dumpdata auth.user}, from users saved with Django's own hashers, by
 * {@code src/test/django/make_dump.py}. The passwords below are the ones that script gave them.
 *
 * <p>The first test imports that file byte for byte and owns its usernames ({@code dj_…}); every
 * other test imports the same rows under usernames of its own (a prefix added to each; the hashes
 * do not depend on the username).
 */
class DjangoImportIT extends IntegrationTest {

    static final String IMPORT = "api/admin/users/import";

    /** The passwords make_dump.py hashed, by username. */
    static final Map<String, String> PASSWORDS = Map.of(
            "dj_pbkdf2", "Django-pbkdf2-pass-1",
            "dj_argon2", "Django-argon2-pass-1",
            "dj_bcrypt", "Django-bcrypt-pass-1",
            "DjBoss", "Django-boss-pass-1",
            "dj_staff", "Django-staff-pass-1",
            "dj_sleeper", "Django-sleeper-pass-1",
            "dj_md5", "Django-md5-pass-1",
            "dj_twin", "Django-twin-pass-2",
            "dj_wide", "Django-wide-pass-1");

    /** Portero's own hash, with its parameters, after a user's first login. */
    static final String PORTERO_HASH = "$argon2id$v=19$m=19456,t=2,p=1$";

    static byte[] resource(String name) {
        try (InputStream in = DjangoImportIT.class.getResourceAsStream("/django/" + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonArray dump() {
        return Json.createReader(new ByteArrayInputStream(resource("users.json")))
                .readArray();
    }

    /** The export's rows with {@code prefix} before every username. */
    static JsonArray renamed(JsonArray rows, String prefix) {
        JsonArrayBuilder out = Json.createArrayBuilder();
        for (JsonValue value : rows) {
            JsonObject row = value.asJsonObject();
            JsonObject fields = row.getJsonObject("fields");
            out.add(Json.createObjectBuilder(row)
                    .add(
                            "fields",
                            Json.createObjectBuilder(fields).add("username", prefix + fields.getString("username"))));
        }
        return out.build();
    }

    /** The row of a username (as exported), with fields replaced. */
    static JsonArray with(JsonArray rows, String username, Map<String, JsonValue> changes) {
        JsonArrayBuilder out = Json.createArrayBuilder();
        for (JsonValue value : rows) {
            JsonObject row = value.asJsonObject();
            JsonObject fields = row.getJsonObject("fields");
            if (fields.getString("username").equals(username)) {
                var changed = Json.createObjectBuilder(fields);
                changes.forEach(changed::add);
                row = Json.createObjectBuilder(row).add("fields", changed).build();
            }
            out.add(row);
        }
        return out.build();
    }

    static JsonObject field(JsonArray rows, String username) {
        return rows.stream()
                .map(row -> row.asJsonObject().getJsonObject("fields"))
                .filter(fields -> fields.getString("username").equals(username))
                .findFirst()
                .orElseThrow();
    }

    static String jsonLines(JsonArray rows) {
        return rows.stream().map(JsonValue::toString).collect(Collectors.joining("\n", "", "\n"));
    }

    Api.Reply importJson(JsonArray rows, String query) {
        return importBody("application/json", rows.toString().getBytes(StandardCharsets.UTF_8), query);
    }

    /**
     * The administrator's token from a new login: the tests' idle timeout is 8 s, which slow logins
     * (Django's Argon2 costs 100 MiB and some seconds on a busy machine) outlast.
     */
    String freshAdmin() {
        api.close();
        return api.adminToken();
    }

    Api.Reply importBody(String contentType, byte[] body, String query) {
        return api.request("POST", IMPORT + (query == null ? "" : "?" + query))
                .bearer(api.adminToken())
                .body(contentType, body)
                .send();
    }

    static void assertCounts(
            Api.Reply reply, int rows, int created, int updated, int unchanged, int skipped, int refused) {
        assertEquals(200, reply.status(), reply::toString);
        JsonObject report = reply.json();
        assertEquals(
                List.of(rows, created, updated, unchanged, skipped, refused),
                List.of(
                        report.getInt("rows"),
                        report.getInt("created"),
                        report.getInt("updated"),
                        report.getInt("unchanged"),
                        report.getInt("skipped"),
                        report.getInt("refused")),
                "rows, created, updated, unchanged, skipped, refused: " + reply);
    }

    static Map<String, Object> account(String username) {
        List<Map<String, Object>> rows = Db.rows(
                "SELECT username, email, password_hash, roles, enabled, created_at, password_changed_at, last_login_at "
                        + "FROM account WHERE username_key = lower(?)",
                username);
        return rows.isEmpty() ? null : rows.get(0);
    }

    static Instant instant(Object timestamp) {
        if (timestamp == null) {
            return null;
        }
        return timestamp instanceof OffsetDateTime odt ? odt.toInstant() : ((java.sql.Timestamp) timestamp).toInstant();
    }

    static String checksum(String prefix) {
        return Db.string(
                "SELECT md5(string_agg(a::text, ',' ORDER BY a.username_key)) FROM account a WHERE username_key LIKE ?",
                prefix.toLowerCase() + "%");
    }

    // ---- the real export --------------------------------------------------------------------

    @Test
    void aRealDjangoExportImportsAndItsUsersLogInWithTheirOriginalPasswords() {
        byte[] file = resource("users.json");
        JsonArray rows = dump();
        long auditedBefore = importEvents();
        Instant started = Instant.now().minusSeconds(1);

        Api.Reply reply = importBody("application/json", file, null);

        assertCounts(reply, 11, 8, 0, 0, 0, 3);
        JsonObject report = reply.json();
        assertEquals("json", report.getString("format"));
        assertEquals("skip", report.getString("on_conflict"));
        List<JsonObject> refused = report.getJsonArray("refused_rows").getValuesAs(JsonObject.class);
        assertEquals(3, refused.size(), reply::toString);
        JsonObject md5 = refused.get(0);
        assertEquals(7, md5.getInt("index"));
        assertEquals("8", md5.getString("pk"));
        assertEquals("dj_md5", md5.getString("username"));
        assertEquals("unknown_hash_format", md5.getString("reason"));
        assertEquals("password", md5.getString("field"));
        assertEquals(lineOf(file, "\"pk\": 8") - 2, md5.getJsonNumber("line").longValue(), "the row's opening brace");
        assertEquals(
                List.of("dj_Twin", "dj_twin"),
                List.of(refused.get(1).getString("username"), refused.get(2).getString("username")));
        assertEquals("duplicate_username", refused.get(1).getString("reason"));
        assertEquals("duplicate_username", refused.get(2).getString("reason"));
        assertNull(account("dj_md5"));
        assertNull(account("dj_twin"));

        // kept as exported: the hash byte for byte, email, dates, enabled, roles
        Map<String, Object> pbkdf2 = account("dj_pbkdf2");
        assertEquals(field(rows, "dj_pbkdf2").getString("password"), pbkdf2.get("password_hash"));
        assertEquals("pbkdf2@example.test", pbkdf2.get("email"));
        assertEquals(Instant.parse("2019-03-04T05:06:07.123Z"), instant(pbkdf2.get("created_at")));
        assertEquals(Instant.parse("2024-11-02T08:09:10.654Z"), instant(pbkdf2.get("last_login_at")));
        assertEquals("user", pbkdf2.get("roles"));
        assertEquals(true, pbkdf2.get("enabled"));
        assertNull(account("dj_bcrypt").get("email"), "Django's empty email is none");
        assertNull(account("dj_argon2").get("last_login_at"), "never logged in");
        assertEquals("admin,user", account("DjBoss").get("roles"), "a superuser is an administrator");
        assertEquals("user", account("dj_staff").get("roles"), "staff alone is not (portero.import.admin-from)");
        assertEquals(false, account("dj_sleeper").get("enabled"));
        assertEquals("dj_wide", account("dj_wide").get("username"), "stored in NFKC");
        assertTrue(((String) account("dj_nopass").get("password_hash")).startsWith("!"));

        // one audit event for the import, with its counts
        assertEquals(auditedBefore + 1, importEvents());
        JsonObject event = items(api.get("api/admin/audit?type=ADMIN_ACTION&size=1", api.adminToken()))
                .get(0)
                .getJsonObject("details");
        assertEquals("users_imported", event.getString("action"));
        assertEquals("admin", event.getString("actor"));
        assertEquals("8", event.getString("created"));
        assertEquals("3", event.getString("refused"));
        assertEquals("true", event.getString("completed"));

        // each logs in with the password it had in Django, and is moved to Portero's Argon2id
        Map<String, Api.Login> logins = new HashMap<>();
        for (String user : List.of("dj_pbkdf2", "dj_argon2", "dj_bcrypt", "DjBoss")) {
            String exported = (String) account(user).get("password_hash");
            Api.Login login = api.login(user, PASSWORDS.get(user));
            assertNotNull(login.access());
            String stored = (String) account(user).get("password_hash");
            assertTrue(stored.startsWith(PORTERO_HASH), user + " upgraded: " + stored);
            assertFalse(stored.equals(exported));
            assertTrue(instant(account(user).get("last_login_at")).isAfter(started), user + ": last login recorded");
            logins.put(user, api.login(user, PASSWORDS.get(user))); // and again, against the new hash
        }
        assertEquals(
                200,
                api.get("api/admin/users/dj_pbkdf2", logins.get("DjBoss").access())
                        .status(),
                "an administrator");
        assertEquals(
                401, api.loginReply("dj_argon2", "Django-argon2-pass-2", null).status());
        assertEquals(
                200, api.loginReply("DJ_WIDE", PASSWORDS.get("dj_wide"), null).status(), "any letter case");
        Api.Login staff = api.login("dj_staff", PASSWORDS.get("dj_staff"));
        assertEquals(403, api.get("api/admin/users/dj_pbkdf2", staff.access()).status());

        // inactive: the right password, yet disabled
        Api.Reply sleeper = api.loginReply("dj_sleeper", PASSWORDS.get("dj_sleeper"), null);
        assertEquals(403, sleeper.status(), sleeper::toString);
        assertEquals("account_disabled", sleeper.code());

        // unusable: answered as an unknown user, whatever the password
        Api.Reply nopass =
                api.loginReply("dj_nopass", (String) account("dj_nopass").get("password_hash"), null);
        Api.Reply unknown = api.loginReply(Api.uniqueName("nobody"), "Whatever-pass-1", null);
        assertEquals(401, nopass.status(), nopass::toString);
        assertEquals("invalid_credentials", nopass.code());
        assertEquals(unknown.status(), nopass.status());
        assertEquals(unknown.code(), nopass.code());
        // ... until an administrator sets a password
        assertEquals(
                204,
                api.request("PUT", "api/admin/users/dj_nopass/password")
                        .bearer(freshAdmin())
                        .json("{\"password\":\"Portero-set-pass-1\"}")
                        .send()
                        .status());
        assertEquals(
                200, api.loginReply("dj_nopass", "Portero-set-pass-1", null).status());

        // the administrators' view shows the last login
        JsonObject view = api.get("api/admin/users/dj_staff", freshAdmin()).json();
        assertNotNull(view.getString("last_login_at"));
        assertFalse(view.toString().contains("password_hash"), view.toString());
        assertFalse(view.toString().contains("pbkdf2"), view.toString());
    }

    static long lineOf(byte[] file, String text) {
        String[] lines = new String(file, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text);
    }

    static long importEvents() {
        return Db.count(
                "SELECT COUNT(*) FROM audit_event WHERE type = 'ADMIN_ACTION' AND details LIKE ?",
                "%\"action\":\"users_imported\"%");
    }

    static List<JsonObject> items(Api.Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        return reply.json().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    @Test
    void theSameRowsAsJsonLinesImportAlike() {
        String prefix = Api.uniqueName("jl") + "_";
        String lines = new String(resource("users.jsonl"), StandardCharsets.UTF_8)
                .lines()
                .map(line -> renamedLine(line, prefix))
                .collect(Collectors.joining("\n", "", "\n"));
        byte[] body = lines.getBytes(StandardCharsets.UTF_8);

        Api.Reply first = importBody("application/x-ndjson", body, null);

        assertCounts(first, 11, 8, 0, 0, 0, 3);
        assertEquals("jsonl", first.json().getString("format"));
        JsonObject md5 = first.json().getJsonArray("refused_rows").getJsonObject(0);
        assertEquals(8, md5.getJsonNumber("line").longValue(), "JSON lines: the row's line");
        assertEquals(
                200,
                api.loginReply(prefix + "dj_bcrypt", PASSWORDS.get("dj_bcrypt"), null)
                        .status());

        Api.Reply again = importBody("application/jsonl", body, "on_conflict=skip");
        assertCounts(again, 11, 0, 0, 0, 8, 3);
    }

    static String renamedLine(String line, String prefix) {
        JsonObject row = Json.createReader(new StringReader(line)).readObject();
        return renamed(Json.createArrayBuilder().add(row).build(), prefix)
                .get(0)
                .toString();
    }

    // ---- idempotence and updates ------------------------------------------------------------

    @Test
    void importingAgainSkipsOrUpdatesAndChangesNothingTheSecondTime() {
        String prefix = Api.uniqueName("re") + "_";
        JsonArray rows = renamed(dump(), prefix);
        assertCounts(importJson(rows, null), 11, 8, 0, 0, 0, 3);
        String imported = checksum(prefix);

        assertCounts(importJson(rows, "on_conflict=skip"), 11, 0, 0, 0, 8, 3);
        assertEquals(imported, checksum(prefix), "skip changes nothing");
        assertCounts(importJson(rows, "on_conflict=update"), 11, 0, 0, 8, 0, 3);
        assertEquals(imported, checksum(prefix), "the same rows change nothing");

        JsonArray changed = with(
                rows,
                prefix + "dj_pbkdf2",
                Map.of("email", Json.createValue("new@example.test"), "is_superuser", JsonValue.TRUE));
        assertCounts(importJson(changed, "on_conflict=update"), 11, 0, 1, 7, 0, 3);
        Map<String, Object> updated = account(prefix + "dj_pbkdf2");
        assertEquals("new@example.test", updated.get("email"));
        assertEquals("admin,user", updated.get("roles"));
        String once = checksum(prefix);

        assertCounts(importJson(changed, "on_conflict=update"), 11, 0, 0, 8, 0, 3);
        assertEquals(once, checksum(prefix), "updating twice is updating once");
    }

    @Test
    void anUpdateWithANewPasswordOrDisablingEndsTheSessions() {
        String prefix = Api.uniqueName("up") + "_";
        JsonArray rows = renamed(dump(), prefix);
        assertCounts(importJson(rows, null), 11, 8, 0, 0, 0, 3);
        String pbkdf2 = prefix + "dj_pbkdf2";
        String bcrypt = prefix + "dj_bcrypt";
        Api.Login first = api.login(pbkdf2, PASSWORDS.get("dj_pbkdf2"));
        Api.Login second = api.login(bcrypt, PASSWORDS.get("dj_bcrypt"));
        String twinHash = field(dump(), "dj_twin").getString("password");

        JsonArray changed = with(
                with(rows, pbkdf2, Map.of("password", Json.createValue(twinHash))),
                bcrypt,
                Map.of("is_active", JsonValue.FALSE));
        freshAdmin();
        Api.Reply reply = importJson(changed, "on_conflict=update");

        // both logged in, so both hashes had become Portero's: the export's is written back too
        assertCounts(reply, 11, 0, 2, 6, 0, 3);
        assertEquals("PASSWORD_CHANGED", Db.endReason(first.sessionId()));
        assertEquals("ACCOUNT_DISABLED", Db.endReason(second.sessionId()));
        assertEquals(401, api.get("api/me", first.access()).status());
        assertEquals(
                401, api.loginReply(pbkdf2, PASSWORDS.get("dj_pbkdf2"), null).status());
        assertEquals(200, api.loginReply(pbkdf2, PASSWORDS.get("dj_twin"), null).status());
        assertEquals(
                "account_disabled",
                api.loginReply(bcrypt, PASSWORDS.get("dj_bcrypt"), null).code());
    }

    @Test
    void anImportNeverLeavesNoEnabledAdministrator() {
        String admin = api.adminToken();
        String other = Api.uniqueName("other_admin");
        assertEquals(
                201,
                api.post(
                                "api/admin/users",
                                "{\"username\":\"" + other + "\",\"password\":\"" + Api.PASSWORD
                                        + "\",\"roles\":[\"admin\",\"user\"]}",
                                admin)
                        .status());

        // every enabled administrator demoted at once: refused, all of them
        List<Map<String, Object>> admins = Db.rows(
                "SELECT username, password_hash FROM account WHERE enabled AND roles LIKE '%admin%' ORDER BY username_key");
        JsonArrayBuilder demoteAll = Json.createArrayBuilder();
        admins.forEach(a -> demoteAll.add(demotion((String) a.get("username"), (String) a.get("password_hash"))));
        Api.Reply refused = importJson(demoteAll.build(), "on_conflict=update");

        assertCounts(refused, admins.size(), 0, 0, 0, 0, admins.size());
        refused.json()
                .getJsonArray("refused_rows")
                .getValuesAs(JsonObject.class)
                .forEach(row -> assertEquals("last_admin", row.getString("reason"), row::toString));
        assertEquals(admins.size(), Db.count("SELECT COUNT(*) FROM account WHERE enabled AND roles LIKE '%admin%'"));

        // one of several: done
        Api.Reply one = importJson(
                Json.createArrayBuilder()
                        .add(demotion(other, (String) account(other).get("password_hash")))
                        .build(),
                "on_conflict=update");
        assertCounts(one, 1, 0, 1, 0, 0, 0);
        assertEquals("user", account(other).get("roles"));
    }

    static JsonObject demotion(String username, String passwordHash) {
        return Json.createObjectBuilder()
                .add("model", "auth.user")
                .add(
                        "fields",
                        Json.createObjectBuilder()
                                .add("username", username)
                                .add("password", passwordHash)
                                .add("is_superuser", false)
                                .add("is_active", true))
                .build();
    }

    // ---- bad rows, bad bodies, wrong callers ------------------------------------------------

    @Test
    void aBadRowIsRefusedWithItsReasonWhileTheOthersImport() {
        String prefix = Api.uniqueName("bad") + "_";
        JsonArray good = renamed(dump(), prefix);
        JsonObject template = good.getJsonObject(0);
        JsonArray rows = Json.createArrayBuilder()
                .add(good.get(0))
                .add(Json.createObjectBuilder(template).add("model", "auth.group"))
                .add(42)
                .add(edited(template, prefix + "mail", "email", Json.createValue("not-an-email")))
                .add(edited(template, prefix + "active", "is_active", Json.createValue("yes")))
                .add(edited(template, prefix + "joined", "date_joined", Json.createValue("yesterday")))
                .add(edited(template, prefix + "sha1", "password", Json.createValue("sha1$salt$0123456789abcdef")))
                .add(edited(template, "has space", "email", JsonValue.NULL))
                .add(good.get(1))
                .build();

        Api.Reply reply = importJson(rows, null);

        assertCounts(reply, 9, 2, 0, 0, 0, 7);
        List<String> reasons = reply.json().getJsonArray("refused_rows").getValuesAs(JsonObject.class).stream()
                .map(row -> row.getInt("index") + " " + row.getString("reason") + " "
                        + (row.isNull("field") ? "-" : row.getString("field")))
                .toList();
        assertEquals(
                List.of(
                        "1 wrong_model model",
                        "2 not_an_object -",
                        "3 invalid_field email",
                        "4 invalid_field is_active",
                        "5 invalid_field date_joined",
                        "6 unknown_hash_format password",
                        "7 invalid_field username"),
                reasons);
        assertNotNull(account(prefix + "dj_pbkdf2"));
        assertNotNull(account(prefix + "dj_argon2"));
        assertNull(account(prefix + "mail"));
    }

    static JsonObject edited(JsonObject row, String username, String field, JsonValue value) {
        return Json.createObjectBuilder(row)
                .add(
                        "fields",
                        Json.createObjectBuilder(row.getJsonObject("fields"))
                                .add("username", username)
                                .add(field, value))
                .build();
    }

    @Test
    void malformedInputGetsAPreciseProblemAndImportsNothing() {
        String prefix = Api.uniqueName("mal") + "_";
        String whole = renamed(dump(), prefix).toString();
        Api.Reply truncated = importBody(
                "application/json", whole.substring(0, whole.length() / 2).getBytes(StandardCharsets.UTF_8), null);
        assertEquals(400, truncated.status(), truncated::toString);
        assertEquals("malformed_import", truncated.code());
        assertEquals("invalid_json", truncated.json().getString("reason"));
        assertEquals(1, truncated.json().getInt("line"));
        assertTrue(truncated.json().getInt("column") > 0, truncated::toString);
        assertNull(account(prefix + "dj_pbkdf2"), "nothing imported, not even the rows before the fault");

        Api.Reply object = importBody("application/json", "{}".getBytes(StandardCharsets.UTF_8), null);
        assertEquals("not_an_array", object.json().getString("reason"), object::toString);

        Api.Reply duplicate = importBody(
                "application/json",
                "[{\"model\":\"auth.user\",\"model\":\"auth.user\"}]".getBytes(StandardCharsets.UTF_8),
                null);
        assertEquals("duplicate_key", duplicate.json().getString("reason"), duplicate::toString);

        String lines = jsonLines(renamed(dump(), prefix));
        int third = lines.indexOf('\n', lines.indexOf('\n') + 1) + 1;
        String broken = lines.substring(0, third) + "{\"model\": oops}\n" + lines.substring(third);
        Api.Reply badLine = importBody("application/x-ndjson", broken.getBytes(StandardCharsets.UTF_8), null);
        assertEquals(400, badLine.status(), badLine::toString);
        assertEquals("malformed_import", badLine.code());
        assertEquals(3, badLine.json().getInt("line"));
        assertNull(account(prefix + "dj_pbkdf2"));

        Api.Reply english = api.request("POST", IMPORT)
                .bearer(api.adminToken())
                .header("Accept-Language", "en")
                .body("application/json", new byte[0])
                .send();
        assertEquals("empty", english.json().getString("reason"));
        assertTrue(english.json().getString("detail").startsWith("The import is not"), english::toString);

        Api.Reply text = importBody("text/plain", whole.getBytes(StandardCharsets.UTF_8), null);
        assertEquals(415, text.status(), text::toString);
        assertEquals("unsupported_media_type", text.code());

        Api.Reply choice =
                importBody("application/json", whole.getBytes(StandardCharsets.UTF_8), "on_conflict=replace");
        assertEquals(400, choice.status(), choice::toString);
        assertEquals("validation_failed", choice.code());
        assertEquals(
                "on_conflict",
                choice.json().getJsonArray("violations").getJsonObject(0).getString("field"));
        assertNull(account(prefix + "dj_pbkdf2"));
    }

    @Test
    void onlyAdministratorsImport() {
        String prefix = Api.uniqueName("who") + "_";
        byte[] body = renamed(dump(), prefix).toString().getBytes(StandardCharsets.UTF_8);
        Api.Login user = api.login(newUser("importer"), Api.PASSWORD);

        Api.Reply asUser = api.request("POST", IMPORT)
                .bearer(user.access())
                .body("application/json", body)
                .send();
        Api.Reply anonymous =
                api.request("POST", IMPORT).body("application/json", body).send();

        assertEquals(403, asUser.status(), asUser::toString);
        assertEquals("forbidden", asUser.code());
        assertEquals(401, anonymous.status(), anonymous::toString);
        assertNull(account(prefix + "dj_pbkdf2"));
    }

    // ---- size --------------------------------------------------------------------------------

    /** PORTERO_IMPORT_MAX_BODY in the postgresql Failsafe execution. */
    static final int MAX_BODY = 1024 * 1024;

    @Test
    void theImportTakesBodiesLargerThanTheApisLimitUpToItsOwn() throws Exception {
        String prefix = Api.uniqueName("many") + "_";
        String hash = field(dump(), "dj_pbkdf2").getString("password");
        JsonArray many = generated(prefix, hash, 2_500);
        byte[] body = many.toString().getBytes(StandardCharsets.UTF_8);
        assertTrue(body.length > 64 * 1024 && body.length < MAX_BODY, "size " + body.length);

        Api.Reply reply = importJson(many, null);

        assertCounts(reply, 2_500, 2_500, 0, 0, 0, 0);
        assertEquals(
                2_500, Db.count("SELECT COUNT(*) FROM account WHERE username_key LIKE ?", prefix.toLowerCase() + "%"));
        assertEquals(
                200,
                api.loginReply(prefix + "u2499", PASSWORDS.get("dj_pbkdf2"), null)
                        .status());

        String tooMany = Api.uniqueName("toomany") + "_";
        byte[] tooLarge = generated(tooMany, hash, 6_000).toString().getBytes(StandardCharsets.UTF_8);
        assertTrue(tooLarge.length > MAX_BODY, "size " + tooLarge.length);
        freshAdmin();
        Api.Reply declared = importBody("application/json", tooLarge, null);
        assertEquals(413, declared.status(), declared::toString);
        assertEquals("payload_too_large", declared.code());

        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> chunked = client.send(
                HttpRequest.newBuilder(api.base().resolve(IMPORT))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + freshAdmin())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooLarge)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, chunked.statusCode(), chunked::body);
        assertEquals(
                0, Db.count("SELECT COUNT(*) FROM account WHERE username_key LIKE ?", tooMany.toLowerCase() + "%"));
    }

    static JsonArray generated(String prefix, String hash, int count) {
        JsonArrayBuilder rows = Json.createArrayBuilder();
        for (int i = 0; i < count; i++) {
            rows.add(Json.createObjectBuilder()
                    .add("model", "auth.user")
                    .add("pk", i + 1)
                    .add(
                            "fields",
                            Json.createObjectBuilder()
                                    .add("password", hash)
                                    .add("last_login", JsonValue.NULL)
                                    .add("is_superuser", false)
                                    .add("username", prefix + "u" + i)
                                    .add("first_name", "")
                                    .add("last_name", "")
                                    .add("email", prefix + "u" + i + "@example.test")
                                    .add("is_staff", false)
                                    .add("is_active", true)
                                    .add("date_joined", "2020-01-01T00:00:00Z")
                                    .add("groups", Json.createArrayBuilder())
                                    .add("user_permissions", Json.createArrayBuilder())));
        }
        return rows.build();
    }
}
