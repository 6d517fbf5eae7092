package io.portero.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The WAR with no database configured: it creates the embedded H2 database, applies the same
 * migrations and serves the same flows (the README's first command runs exactly this).
 */
class EmbeddedDatabaseIT extends IntegrationTest {

    @Test
    void bootsTheSameMigrationsOnTheEmbeddedDatabase() {
        Api.Reply ready = api.health("health/ready");
        assertEquals(200, ready.status(), ready::toString);
        JsonObject check = ready.json().getJsonArray("checks").stream()
                .map(JsonValue::asJsonObject)
                .filter(c -> "database".equals(c.getString("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no database check in " + ready));
        assertEquals("UP", check.getString("status"));
        assertEquals(newestMigration(), check.getJsonObject("data").getString("schema_version"));
        assertTrue(
                new File(System.getProperty("portero.it.embedded.dir", "target/it-embedded-data"), "portero.mv.db")
                        .isFile(),
                "the database file lives in the data folder");
    }

    /** The highest version among the portable and the H2 migration scripts of the source tree. */
    private static String newestMigration() {
        int newest = 0;
        for (String folder : List.of("src/main/resources/db/migration", "src/main/resources/db/vendor/h2")) {
            String[] names = new File(folder).list();
            assertTrue(names != null && names.length > 0, "migration scripts in " + folder);
            for (String name : names) {
                Matcher version = MIGRATION.matcher(name);
                if (version.matches()) {
                    newest = Math.max(newest, Integer.parseInt(version.group(1)));
                }
            }
        }
        return Integer.toString(newest);
    }

    private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.+\\.sql");

    @Test
    void theWholeSessionFlowWorksOnTheEmbeddedDatabase() {
        String user = api.createUser(api.adminToken(), Api.uniqueName("h2"));
        Api.Login first = api.login(user, Api.PASSWORD);
        api.login(user, Api.PASSWORD);
        Api.Reply third = api.loginReply(user, Api.PASSWORD, null);
        assertEquals(409, third.status());
        assertEquals("session_limit_reached", third.code());

        Api.Reply refreshed = api.post("api/token/refresh/", "{\"refresh\":\"" + first.refresh() + "\"}", null);
        assertEquals(200, refreshed.status(), refreshed::toString);
        assertEquals(200, api.get("api/session-status/", first.access()).status());
        assertEquals(
                2,
                api.get("api/admin/sessions?active=true&username=" + user, api.adminToken())
                        .json()
                        .getInt("total"));
        assertEquals(
                204,
                api.post("api/logout/", "{\"refresh\":\"" + refreshed.json().getString("refresh") + "\"}", null)
                        .status());
        assertEquals("session_ended", api.get("api/me", first.access()).code());
        assertEquals(
                List.of("LOGOUT", "SESSION_LIMIT_REACHED", "LOGIN", "LOGIN", "ADMIN_ACTION"),
                api
                        .get("api/admin/audit?username=" + user, api.adminToken())
                        .json()
                        .getJsonArray("items")
                        .getValuesAs(JsonObject.class)
                        .stream()
                        .map(event -> event.getString("type"))
                        .toList(),
                "the audit log on the embedded database, newest first");
    }

    @Test
    void aLoginFromANewDeviceIsMarkedOnTheEmbeddedDatabase() {
        String user = api.createUser(api.adminToken(), Api.uniqueName("h2_device"));
        Api.Login first = api.login(user, Api.PASSWORD);
        Api.Reply other = api.loginReply(user, Api.PASSWORD, "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Firefox/120.0");
        assertEquals(200, other.status(), other::toString);
        String otherId = other.json().getString("session_id");
        List<JsonObject> sessions =
                api.get("api/sessions/", first.access()).array().getValuesAs(JsonObject.class);
        assertEquals(2, sessions.size(), sessions::toString);
        for (JsonObject session : sessions) {
            assertEquals(session.getString("id").equals(otherId), session.getBoolean("new_device"), sessions::toString);
        }
        List<JsonObject> events = api.get("api/admin/audit?type=NEW_DEVICE_LOGIN&username=" + user, api.adminToken())
                .json()
                .getJsonArray("items")
                .getValuesAs(JsonObject.class);
        assertEquals(1, events.size(), events::toString);
        assertEquals(otherId, events.get(0).getString("session_id"));
    }

    @Test
    void aDjangoExportImportsAndUpdatesOnTheEmbeddedDatabase() {
        String prefix = Api.uniqueName("h2dj") + "_";
        JsonArray rows = DjangoImportIT.renamed(DjangoImportIT.dump(), prefix);
        Api.Reply created = api.request("POST", DjangoImportIT.IMPORT)
                .bearer(api.adminToken())
                .body("application/json", rows.toString().getBytes(StandardCharsets.UTF_8))
                .send();
        DjangoImportIT.assertCounts(created, 11, 8, 0, 0, 0, 3);
        String user = prefix + "dj_bcrypt";
        Api.Login login = api.login(user, DjangoImportIT.PASSWORDS.get("dj_bcrypt"));

        JsonArray disabled = DjangoImportIT.with(rows, user, Map.of("is_active", JsonValue.FALSE));
        Api.Reply updated = api.request("POST", DjangoImportIT.IMPORT + "?on_conflict=update")
                .bearer(api.adminToken())
                .body("application/json", disabled.toString().getBytes(StandardCharsets.UTF_8))
                .send();

        DjangoImportIT.assertCounts(updated, 11, 0, 1, 7, 0, 3);
        assertEquals("session_revoked", api.get("api/me", login.access()).code());
        assertEquals(
                "account_disabled",
                api.loginReply(user, DjangoImportIT.PASSWORDS.get("dj_bcrypt"), null)
                        .code());
    }
}
