package io.portero.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Hostile input on every route: the routes come from the OpenAPI document the server publishes, so
 * a route is walked the day it is added. Each one gets a corpus of bad input (broken encodings, NUL
 * bytes, deep nesting, lying lengths, absurd numbers, duplicate keys, wrong JSON types and media
 * types, path traversal, bad paging and query values, oversized headers, forged tokens), without a
 * token and, where the route could act on the input, with a valid one. Every answer must be a 4xx
 * {@code application/problem+json} with a string {@code code} and no stack trace; the server stays
 * ready, and the database does not change. All failures are collected and reported at once.
 *
 * <p>Activity: requests made with a valid token carry {@code X-Portero-Activity: passive}, so the
 * database checksum covers every column, {@code last_activity_at} included. Passive requests do not
 * keep a session alive, so this class runs in its own Failsafe execution
 * ({@code postgresql-hostile-input}, enabled by the system property {@code portero.it.hostile-input})
 * with an idle timeout and lifetime longer than the walk. Forged tokens are sent without that header:
 * should one be accepted, the activity it records shows up in the checksum too.
 *
 * <p>No input in the corpus is a valid credential: logins use an unknown user, refresh and logout
 * tokens are unknown, and the current password given to change-password is wrong. Bodies sent with a
 * valid administrator token are otherwise valid (a new user, a password for a test user), so that one
 * hostile field decides the outcome: an input the server wrongly accepts changes something and is
 * reported twice, as a 2xx and as a database change.
 *
 * <p>To run it alone (with {@code -Dit.test=HostileInputIT} every Failsafe execution would select it,
 * and only this one enables it):
 * {@code ./mvnw -B package -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false exec:java@prepare-test-database
 * failsafe:integration-test@postgresql-hostile-input failsafe:verify@postgresql-hostile-input -Dit.db.name=portero_it_hostile}
 * ({@code -DskipTests} would skip Failsafe too).
 *
 * <p>Payara-only (not in the WildFly executions): some answers it requires come from Payara's
 * HTTP listener (Grizzly) and its command-file settings, e.g. the oversized-header handling.
 */
@EnabledIfSystemProperty(
        named = "portero.it.hostile-input",
        matches = "true",
        disabledReason = "needs long-lived sessions: runs in the postgresql-hostile-input Failsafe execution")
class HostileInputIT extends IntegrationTest {

    /** The routes the document must list at least, so the walk cannot silently cover nothing. */
    static final Set<String> KNOWN_ROUTES = Set.of(
            "POST /api/token",
            "POST /api/token/refresh",
            "POST /api/token/introspect",
            "POST /api/logout",
            "GET /api/me",
            "GET /api/sessions",
            "DELETE /api/sessions/{id}",
            "POST /api/sessions/logout-others",
            "GET /api/session-status",
            "GET /api/auth/check",
            "POST /api/session-activity",
            "POST /api/change-password",
            "GET /api/admin/users",
            "POST /api/admin/users",
            "GET /api/admin/users/{username}",
            "PATCH /api/admin/users/{username}",
            "PUT /api/admin/users/{username}/password",
            "POST /api/admin/users/{username}/sessions/revoke",
            "POST /api/admin/users/import",
            "GET /api/admin/sessions",
            "GET /api/admin/sessions/{id}",
            "DELETE /api/admin/sessions/{id}",
            "POST /api/admin/sessions/cleanup",
            "GET /api/audit",
            "GET /api/admin/audit");

    /** Query parameters that are free-text searches: a hostile value may also find nothing (200, total 0). */
    static final Set<String> SEARCH_PARAMETERS = Set.of("q", "username");

    static final Set<String> BODY_CODES = Set.of("malformed_json", "validation_failed");

    static final Pattern STACK_TRACE = Pattern.compile(
            "\\tat |\\bat (io|java|jdk|jakarta|org|com|sun|fish)\\.[\\w.$]+\\(|Exception\\b|Caused by|\\.java:\\d+");

    static final String KIB_16 = "a".repeat(16 * 1024);

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    /** One operation of the OpenAPI document. */
    record Route(
            String method,
            String path,
            List<String> pathParameters,
            List<String> queryParameters,
            Set<String> bodyFields,
            boolean jsonBody,
            boolean secured) {

        String key() {
            return method + " " + path;
        }

        boolean admin() {
            return path.startsWith("/api/admin/");
        }

        boolean hasBody() {
            return bodyFields != null;
        }

        boolean logout() {
            return path.equals("/api/logout");
        }
    }

    /** What came back: a status and what the client needs to judge it, or why nothing came back. */
    record Answer(int status, String contentType, String body, String error) {}

    /** The tokens and accounts of the walk. */
    record Callers(String admin, String user, String target, String adminSessionId) {}

    private final List<String> failures = new ArrayList<>();
    private int requests;

    @Test
    void openApiDocumentListsEveryKnownRoute() {
        List<Route> routes = routes();
        Set<String> listed = new TreeSet<>();
        routes.forEach(route -> listed.add(route.key()));
        Set<String> missing = new TreeSet<>(KNOWN_ROUTES);
        missing.removeAll(listed);
        assertTrue(missing.isEmpty(), "routes missing from /openapi: " + missing + "; listed: " + listed);
        assertTrue(routes.stream().filter(Route::hasBody).count() >= 7, "request bodies described: " + routes);
    }

    @Test
    void everyRouteRefusesHostileInputWithAProblemAndChangesNothing() throws Exception {
        List<Route> routes = routes();
        String target = newUser("hostile_target");
        String holder = newUser("hostile_holder");
        String userToken = api.login(holder, Api.PASSWORD).access();
        String adminToken = api.adminToken();
        Callers callers =
                new Callers(adminToken, userToken, target, claims(adminToken).getString("sid"));

        assertReady("before the walk");
        Map<String, String> before = snapshot();

        List<String> forged = forgedTokens(adminToken);
        for (Route route : routes) {
            walkPathParameters(route, callers);
            walkQueryParameters(route, callers);
            walkHeaders(route, callers);
            walkTokens(route, callers, forged);
            walkLyingLength(route);
        }
        // Bodies last: a body wrongly accepted creates a user (named "1e999999", say) that a path or
        // query probe would then find, which would report one defect many times over.
        for (Route route : routes) {
            walkBodies(route, callers);
        }

        assertReady("after the walk");
        Map<String, String> after = snapshot();
        before.forEach((table, state) -> {
            if (!state.equals(after.get(table))) {
                failures.add("database: " + table + " changed during the walk: before " + state + ", after "
                        + after.get(table));
            }
        });
        System.out.printf(
                "[hostile-input] %d routes, %d requests, %d failures, %d refused by the HTTP listener%n",
                routes.size(), requests, failures.size(), listenerRefusals);
        assertTrue(
                listenerRefusals < requests / 10, "the listener exception must stay an exception: " + listenerRefusals);
        assertTrue(
                failures.isEmpty(),
                failures.size() + " of " + requests + " hostile requests were mishandled:\n"
                        + String.join("\n", failures));
    }

    // ---- the routes -------------------------------------------------------------------------

    List<Route> routes() {
        Answer answer = send("GET", "openapi", Map.of("Accept", "application/json"), null);
        assertEquals(200, answer.status(), "GET /openapi: " + answer);
        JsonObject document = Json.createReader(new StringReader(answer.body())).readObject();
        JsonObject schemas = document.getJsonObject("components") == null
                ? JsonValue.EMPTY_JSON_OBJECT
                : document.getJsonObject("components").getJsonObject("schemas");
        List<Route> routes = new ArrayList<>();
        document.getJsonObject("paths")
                .forEach((path, item) -> item.asJsonObject().forEach((method, value) -> {
                    if (!(value instanceof JsonObject operation)
                            || !Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                        return;
                    }
                    List<String> pathParameters = new ArrayList<>();
                    List<String> queryParameters = new ArrayList<>();
                    if (operation.containsKey("parameters")) {
                        operation.getJsonArray("parameters").forEach(p -> {
                            JsonObject parameter = p.asJsonObject();
                            (parameter.getString("in").equals("path") ? pathParameters : queryParameters)
                                    .add(parameter.getString("name"));
                        });
                    }
                    Set<String> bodyFields = null;
                    boolean jsonBody = false;
                    if (operation.containsKey("requestBody")) {
                        bodyFields = new LinkedHashSet<>();
                        jsonBody = operation
                                .getJsonObject("requestBody")
                                .getJsonObject("content")
                                .containsKey("application/json");
                        for (JsonValue media : operation
                                .getJsonObject("requestBody")
                                .getJsonObject("content")
                                .values()) {
                            JsonObject schema = media.asJsonObject().getJsonObject("schema");
                            if (schema != null && schema.containsKey("$ref") && schemas != null) {
                                String name = schema.getString("$ref").replaceAll(".*/", "");
                                schema = schemas.getJsonObject(name);
                            }
                            if (schema != null && schema.containsKey("properties")) {
                                bodyFields.addAll(
                                        schema.getJsonObject("properties").keySet());
                            }
                        }
                    }
                    boolean secured = operation.containsKey("security")
                            || !Set.of("/api/token", "/api/token/refresh", "/api/logout")
                                    .contains(path);
                    routes.add(new Route(
                            method.toUpperCase(Locale.ROOT),
                            path,
                            pathParameters,
                            queryParameters,
                            bodyFields,
                            jsonBody,
                            secured));
                }));
        return routes;
    }

    // ---- bodies -----------------------------------------------------------------------------

    /**
     * A body that would pass on this route but for the field being tested, yet never logs in nor
     * matches a stored token. Fields the document describes but this map does not know get a string.
     */
    LinkedHashMap<String, byte[]> template(Route route, Callers callers) {
        LinkedHashMap<String, String> json = new LinkedHashMap<>();
        switch (route.key()) {
            case "POST /api/token" -> {
                json.put("username", quote(Api.uniqueName("nobody")));
                json.put("password", quote("Wrong-password-123"));
                json.put("refresh_cookie", "true");
            }
            case "POST /api/token/refresh", "POST /api/logout" -> json.put("refresh", quote("x".repeat(43)));
            case "POST /api/change-password" -> {
                json.put("current_password", quote("Wrong-current-123"));
                json.put("new_password", quote("Hostile-new-pass-123"));
            }
            case "POST /api/admin/users" -> {
                json.put("username", quote(Api.uniqueName("hostile_new")));
                json.put("password", quote("Hostile-pass-123"));
                json.put("email", quote("hostile@example.test"));
                json.put("roles", "[\"user\"]");
            }
            case "PATCH /api/admin/users/{username}" -> {
                json.put("enabled", "true");
                json.put("roles", "[\"user\"]");
                json.put("email", quote(callers.target() + "@example.test"));
            }
            case "PUT /api/admin/users/{username}/password" -> json.put("password", quote("Hostile-pass-123"));
            default -> {}
        }
        for (String field : route.bodyFields()) {
            json.putIfAbsent(field, quote("hostile"));
        }
        LinkedHashMap<String, byte[]> raw = new LinkedHashMap<>();
        json.forEach((k, v) -> raw.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return raw;
    }

    /** A body probe: a label, the bytes, whether a 400 with a body code is owed, whether it is well-formed. */
    record BodyProbe(String label, String contentType, byte[] body, boolean owesBadRequest, boolean wellFormed) {}

    List<BodyProbe> bodyProbes(Route route, Callers callers) {
        // a fresh template per probe: a new user wrongly created by one probe must not turn the next into a 409
        Supplier<LinkedHashMap<String, byte[]>> fresh = () -> template(route, callers);
        LinkedHashMap<String, byte[]> template = fresh.get();
        List<BodyProbe> probes = new ArrayList<>();
        for (Map.Entry<String, byte[]> field : template.entrySet()) {
            String name = field.getKey();
            String value = new String(field.getValue(), StandardCharsets.UTF_8);
            List<String> wrongTypes = switch (value.charAt(0)) {
                case 't', 'f' -> List.of("\"true\"", "1", "[]", "{}", "1e999999", "[true]");
                case '[' -> List.of("\"user\"", "{}", "[1e999999]", "[true]", "[[\"user\"]]", "1e999999", "true");
                default ->
                    List.of(
                            "[" + value + "]",
                            "[]",
                            "{\"value\":" + value + "}",
                            "42",
                            "true",
                            "false",
                            "1e999999",
                            "-1e999999",
                            "[" + value + "," + value + "]");
            };
            for (String wrong : wrongTypes) {
                probes.add(new BodyProbe(
                        name + "=" + wrong, "application/json", object(with(fresh.get(), name, wrong)), true, false));
            }
            if (value.startsWith("\"")) {
                probes.add(new BodyProbe(
                        name + " with invalid UTF-8",
                        "application/json",
                        object(with(
                                fresh.get(),
                                name,
                                concat(
                                        bytes("\"ab"),
                                        new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE},
                                        bytes("cd\"")))),
                        false,
                        false));
                probes.add(new BodyProbe(
                        name + " with a raw NUL byte",
                        "application/json",
                        object(with(fresh.get(), name, concat(bytes("\"ab"), new byte[] {0}, bytes("cdefghijkl\"")))),
                        true,
                        false));
                probes.add(new BodyProbe(
                        name + " with \\u0000",
                        "application/json",
                        object(with(fresh.get(), name, "\"Hostile\\u0000pass-123\"")),
                        false,
                        true));
                if (!name.equals("email")) { // a blank email is how an administrator clears it
                    probes.add(new BodyProbe(
                            name + " only white space",
                            "application/json",
                            object(with(fresh.get(), name, "\"            \"")),
                            false,
                            true));
                }
                probes.add(new BodyProbe(
                        name + " with control characters",
                        "application/json",
                        object(with(fresh.get(), name, "\"Hostile\\r\\npass\\u0085\\u001b-123\"")),
                        false,
                        true));
                probes.add(new BodyProbe(
                        name + " of 70,000 characters",
                        "application/json",
                        object(with(fresh.get(), name, quote("x".repeat(70_000)))),
                        false,
                        false));
            }
            probes.add(new BodyProbe(
                    "duplicate key " + name,
                    "application/json",
                    concat(withoutLastByte(object(fresh.get())), bytes("," + quote(name) + ":" + other(value) + "}")),
                    false,
                    false));
        }
        probes.add(new BodyProbe("empty body", "application/json", new byte[0], true, false));
        probes.add(new BodyProbe("white space body", "application/json", bytes(" \r\n\t "), true, false));
        probes.add(new BodyProbe(
                "invalid UTF-8 body",
                "application/json",
                new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xC3, 0x28},
                true,
                false));
        probes.add(new BodyProbe("raw NUL body", "application/json", new byte[] {0, 0, 0, 0}, true, false));
        probes.add(new BodyProbe(
                "NUL after the object", "application/json", concat(object(fresh.get()), new byte[] {0}), true, false));
        probes.add(new BodyProbe(
                "garbage after the object",
                "application/json",
                concat(object(fresh.get()), bytes("garbage")),
                true,
                false));
        probes.add(new BodyProbe(
                "truncated object", "application/json", withoutLastByte(object(fresh.get())), true, false));
        probes.add(new BodyProbe(
                "10,000-deep arrays", "application/json", bytes("[".repeat(10_000) + "]".repeat(10_000)), true, false));
        // well-formed for logout, which ignores unknown members and has none required
        probes.add(new BodyProbe(
                "10,000-deep objects",
                "application/json",
                bytes("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)),
                true,
                true));
        probes.add(new BodyProbe(
                "top-level array",
                "application/json",
                bytes("[" + new String(object(fresh.get()), StandardCharsets.UTF_8) + "]"),
                true,
                false));
        probes.add(new BodyProbe("top-level string", "application/json", bytes("\"x\""), true, false));
        probes.add(new BodyProbe("top-level 1e999999", "application/json", bytes("1e999999"), true, false));
        probes.add(new BodyProbe("top-level null", "application/json", bytes("null"), false, true));
        probes.add(new BodyProbe("text/plain", "text/plain", object(fresh.get()), false, true));
        probes.add(new BodyProbe(
                "application/xml",
                "application/xml",
                bytes("<request><username>admin</username></request>"),
                false,
                true));
        probes.add(new BodyProbe(
                "multipart",
                "multipart/form-data; boundary=xyz",
                bytes("--xyz\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nadmin\r\n--xyz--\r\n"),
                false,
                true));
        probes.add(new BodyProbe("no content type", null, object(fresh.get()), false, true));
        return probes;
    }

    void walkBodies(Route route, Callers callers) {
        if (!Set.of("POST", "PUT", "PATCH").contains(route.method())) {
            return;
        }
        if (route.key().equals(IMPORT)) {
            walkImport(route, callers);
            return;
        }
        String path = concretePath(route, callers);
        if (!route.hasBody()) {
            // No body is read here: with a valid token the route would act, so it is probed without one.
            if (route.secured()) {
                probeBody(
                        route,
                        path,
                        new BodyProbe(
                                "10,000-deep arrays",
                                "application/json",
                                bytes("[".repeat(10_000) + "]".repeat(10_000)),
                                false,
                                false),
                        null);
                probeBody(
                        route,
                        path,
                        new BodyProbe(
                                "invalid UTF-8 body",
                                "application/json",
                                new byte[] {(byte) 0xFF, (byte) 0xFE, 0},
                                false,
                                false),
                        null);
            }
            return;
        }
        for (BodyProbe probe : bodyProbes(route, callers)) {
            if (route.secured()) {
                probeBody(route, path, probe, null);
                probeBody(route, path, probe, route.admin() ? callers.admin() : callers.user());
            } else {
                probeBody(route, path, probe, null);
            }
        }
    }

    void probeBody(Route route, String path, BodyProbe probe, String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (probe.contentType() != null) {
            headers.put("Content-Type", probe.contentType());
        }
        boolean authorized = authorize(route, token, headers);
        Answer answer = send(route.method(), path, headers, probe.body());
        judge(
                route,
                "body: " + probe.label() + (token == null ? "" : " (valid token)"),
                answer,
                // a route that reads a form, not JSON (token introspection), answers a JSON probe 415
                authorized && probe.owesBadRequest() && route.jsonBody() ? BODY_CODES : null,
                route.logout() && probe.wellFormed(),
                false);
    }

    // ---- the user import -------------------------------------------------------------------

    static final String IMPORT = "POST /api/admin/users/import";

    /** A Django PBKDF2 hash (of no password any probe sends): a row with it would import. */
    static final String DJANGO_HASH =
            "pbkdf2_sha256$260000$Kq3uX8tPz1LmR5vWc9yB2d$yEd0LeDaqeRlYGiKPlsCwE+luyBLkF8rkkmxQ9wmCZA=";

    /**
     * The import's body is not one object but a Django export: a JSON array of rows, or JSON lines.
     * A body that is no such export owes 400 {@code malformed_import} (or is refused for its media
     * type); then one export whose every row carries one hostile field must answer 200 with every
     * row refused, and import nothing (the snapshot proves it).
     */
    void walkImport(Route route, Callers callers) {
        String path = concretePath(route, callers);
        String row = importRow(quote(Api.uniqueName("hostile_import")), quote(DJANGO_HASH), "");
        List<BodyProbe> probes = new ArrayList<>();
        probes.add(new BodyProbe("empty body", "application/json", new byte[0], true, false));
        probes.add(new BodyProbe("white space body", "application/json", bytes(" \r\n\t "), true, false));
        probes.add(new BodyProbe(
                "invalid UTF-8 body",
                "application/json",
                concat(bytes("[" + row.substring(0, 40)), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF}, bytes("\"}]")),
                true,
                false));
        probes.add(new BodyProbe("raw NUL body", "application/json", new byte[] {0, 0, 0, 0}, true, false));
        probes.add(new BodyProbe(
                "NUL after the array",
                "application/json",
                concat(bytes("[" + row + "]"), new byte[] {0}),
                true,
                false));
        probes.add(new BodyProbe(
                "garbage after the array", "application/json", bytes("[" + row + "]garbage"), true, false));
        probes.add(new BodyProbe("truncated array", "application/json", bytes("[" + row), true, false));
        probes.add(new BodyProbe(
                "truncated row", "application/json", bytes("[" + row.substring(0, row.length() - 1)), true, false));
        probes.add(new BodyProbe(
                "10,000-deep arrays", "application/json", bytes("[".repeat(10_000) + "]".repeat(10_000)), true, false));
        probes.add(new BodyProbe(
                "10,000-deep objects in a row",
                "application/json",
                bytes("[" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "]"),
                true,
                false));
        probes.add(new BodyProbe(
                "duplicate key in a row",
                "application/json",
                bytes("[" + row.substring(0, row.length() - 1) + ",\"model\":\"auth.user\"}]"),
                true,
                false));
        probes.add(new BodyProbe(
                "a row of 200,000 characters",
                "application/json",
                bytes("[" + importRow(quote("x".repeat(200_000)), quote(DJANGO_HASH), "") + "]"),
                true,
                false));
        probes.add(new BodyProbe("top-level object", "application/json", bytes(row), true, false));
        probes.add(new BodyProbe("top-level string", "application/json", bytes("\"x\""), true, false));
        probes.add(new BodyProbe("top-level 1e999999", "application/json", bytes("1e999999"), true, false));
        probes.add(new BodyProbe("top-level null", "application/json", bytes("null"), true, false));
        probes.add(new BodyProbe(
                "JSON lines: garbage line", "application/x-ndjson", bytes(row + "\ngarbage\n"), true, false));
        probes.add(new BodyProbe("JSON lines: empty", "application/x-ndjson", new byte[0], true, false));
        probes.add(new BodyProbe(
                "JSON lines: invalid UTF-8",
                "application/x-ndjson",
                concat(bytes(row + "\n"), new byte[] {(byte) 0xFF, (byte) 0xFE, 0x0A}),
                true,
                false));
        probes.add(new BodyProbe(
                "JSON lines: the array", "application/x-ndjson", bytes("[\n" + row + "\n]"), true, false));
        probes.add(new BodyProbe("text/plain", "text/plain", bytes("[" + row + "]"), false, true));
        probes.add(new BodyProbe(
                "application/xml", "application/xml", bytes("<users><user>admin</user></users>"), false, true));
        probes.add(new BodyProbe(
                "multipart",
                "multipart/form-data; boundary=xyz",
                bytes("--xyz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n[" + row + "]\r\n--xyz--\r\n"),
                false,
                true));
        probes.add(new BodyProbe("no content type", null, bytes("[" + row + "]"), false, true));
        for (BodyProbe probe : probes) {
            probeBody(route, path, probe, null);
            Map<String, String> headers = new LinkedHashMap<>();
            if (probe.contentType() != null) {
                headers.put("Content-Type", probe.contentType());
            }
            authorize(route, callers.admin(), headers);
            Answer answer = send(route.method(), path, headers, probe.body());
            judge(
                    route,
                    "body: " + probe.label() + " (valid token)",
                    answer,
                    probe.owesBadRequest() ? Set.of("malformed_import") : null,
                    false,
                    false);
        }
        walkImportRows(route, path, callers);
    }

    /** One export row; {@code override} is one field, {@code "name":value}, replacing the template's. */
    static String importRow(String username, String password, String override) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("username", username);
        fields.put("password", password);
        fields.put("email", quote("hostile@example.test"));
        fields.put("is_active", "true");
        fields.put("is_staff", "false");
        fields.put("is_superuser", "true");
        fields.put("date_joined", quote("2020-01-01T00:00:00Z"));
        fields.put("last_login", "null");
        if (!override.isEmpty()) {
            int colon = override.indexOf("\":") + 1;
            fields.put(override.substring(1, colon - 1), override.substring(colon + 1));
        }
        return "{\"model\":\"auth.user\",\"pk\":1,\"fields\":{"
                + fields.entrySet().stream()
                        .map(field -> quote(field.getKey()) + ":" + field.getValue())
                        .collect(Collectors.joining(","))
                + "}}";
    }

    /** A well-formed export of hostile rows, each refused for its one hostile field. */
    void walkImportRows(Route route, String path, Callers callers) {
        List<String> rows = new ArrayList<>();
        String hash = quote(DJANGO_HASH);
        for (String username : List.of(
                "\"\"",
                "\"ab\\u0000cd\"",
                "\"ab\\ud800cd\"",
                "\"a b\"",
                "\"../../etc/passwd\"",
                "\"<script>\"",
                "\"x\\r\\ny\"",
                quote("x".repeat(151)),
                quote("İ".repeat(100)),
                "1e999999",
                "[\"admin\"]",
                "{}",
                "null",
                "true")) {
            rows.add(importRow(username, hash, ""));
        }
        for (String password : List.of(
                "\"\"",
                "\"hostile\"",
                "\"md5$salt$0123456789abcdef0123456789abcdef\"",
                "\"pbkdf2_sha256$99999999999$salt$yEd0LeDaqeRlYGiKPlsCwE+luyBLkF8rkkmxQ9wmCZA=\"",
                "\"argon2$argon2id$v=19$m=99999999,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA\"",
                "\"bcrypt_sha256$$2b$31$wdOe/aDPZqjlAwVbeb5BsOr3hCpDVE1dFazoD.Vx5uK.VFC0x.hjG\"",
                quote("!" + "x".repeat(600)),
                "\"pbkdf2_sha256$260000$a\\u0000b$yEd0LeDaqeRlYGiKPlsCwE+luyBLkF8rkkmxQ9wmCZA=\"",
                "1e999999",
                "null",
                "[\"x\"]")) {
            rows.add(importRow(quote(Api.uniqueName("hostile_pw")), password, ""));
        }
        for (String extra : List.of(
                "\"email\":\"no-at-sign\"",
                "\"email\":" + quote("a@" + "b".repeat(300)),
                "\"email\":42",
                "\"is_active\":\"true\"",
                "\"is_active\":1",
                "\"is_active\":null",
                "\"is_superuser\":[true]",
                "\"date_joined\":\"1e999999\"",
                "\"date_joined\":\"+999999999-12-31T23:59:59Z\"",
                "\"date_joined\":\"0000-01-01T00:00:00Z\"",
                "\"last_login\":\"2020-01-01T00:00:00Z\\u0000\"",
                "\"last_login\":-1")) {
            rows.add(importRow(quote(Api.uniqueName("hostile_field")), hash, extra));
        }
        rows.add("{\"model\":\"auth.group\",\"pk\":1e999999,\"fields\":{\"username\":"
                + quote(Api.uniqueName("hostile_model")) + ",\"password\":" + hash + "}}");
        rows.add("{\"model\":\"auth.user\",\"pk\":[1],\"fields\":\"x\"}");
        rows.add("{\"model\":\"auth.user\"}");
        rows.add("42");
        rows.add("null");
        rows.add("[]");
        byte[] body = bytes("[" + String.join(",", rows) + "]");
        for (String conflict : List.of("skip", "update")) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            authorize(route, callers.admin(), headers);
            Answer answer = send(route.method(), path + "?on_conflict=" + conflict, headers, body);
            requests++;
            String where = route.key() + " | " + rows.size() + " hostile rows, on_conflict=" + conflict + " | ";
            if (answer.status() != 200) {
                failures.add(where + answer.status() + ": " + excerpt(answer.body(), 300));
                continue;
            }
            JsonObject report =
                    Json.createReader(new StringReader(answer.body())).readObject();
            if (report.getInt("refused") != rows.size()
                    || report.getInt("created") != 0
                    || report.getInt("updated") != 0) {
                failures.add(where + "not every row refused: " + excerpt(answer.body(), 2000));
            }
        }
    }

    // ---- path parameters --------------------------------------------------------------------

    static final List<String> PATH_VALUES = List.of(
            "not-a-uuid",
            "..%2F..%2Fetc",
            "..%2f..%2f..%2fetc%2fpasswd",
            "%00",
            "abc%00def",
            "%2e%2e",
            "%FF%FE",
            "1e999999",
            "-1",
            "%27%20OR%201%3D1--",
            "%22%3E%3Cscript%3E",
            "00000000-0000-0000-0000-00000000000g",
            UUID.randomUUID() + "%00",
            "%C0%AE%C0%AE",
            "x".repeat(300));

    void walkPathParameters(Route route, Callers callers) {
        if (route.pathParameters().isEmpty()) {
            return;
        }
        byte[] body = route.hasBody() ? object(template(route, callers)) : null;
        for (String value : PATH_VALUES) {
            String path = route.path().replaceAll("\\{[^}]+}", value);
            for (String token : route.secured()
                    ? new String[] {null, route.admin() ? callers.admin() : callers.user()}
                    : new String[] {null}) {
                Map<String, String> headers = new LinkedHashMap<>();
                if (body != null) {
                    headers.put("Content-Type", "application/json");
                }
                authorize(route, token, headers);
                Answer answer = send(route.method(), path.substring(1), headers, body);
                judge(route, "path id " + value + (token == null ? "" : " (valid token)"), answer, null, false, false);
            }
        }
    }

    // ---- query parameters -------------------------------------------------------------------

    static final List<String> QUERY_VALUES = List.of(
            "%00",
            "abc%00",
            "%27%20OR%201%3D1--",
            "%27%3B%20DROP%20TABLE%20account%3B--",
            "-1",
            "-2147483649",
            "2147483648",
            "99999999999999999999999999",
            "1e999999",
            "NaN",
            "0x10",
            "%FF%FE",
            "%E2%80%AE",
            "..%2F..%2Fetc",
            "x".repeat(300),
            "started_at%2Cdesc%3B%20DROP%20TABLE%20account",
            "1970-01-01T00%3A00%3A00Z%00",
            "%2B999999999-12-31T23%3A59%3A59Z");

    void walkQueryParameters(Route route, Callers callers) {
        if (route.queryParameters().isEmpty()) {
            return;
        }
        String path = concretePath(route, callers);
        for (String parameter : route.queryParameters()) {
            for (String value : QUERY_VALUES) {
                for (String token : route.secured()
                        ? new String[] {null, route.admin() ? callers.admin() : callers.user()}
                        : new String[] {null}) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    authorize(route, token, headers);
                    Answer answer = send(
                            route.method(),
                            path + "?" + parameter + "=" + value + "&" + parameter + "=" + value,
                            headers,
                            null);
                    Answer single = send(route.method(), path + "?" + parameter + "=" + value, headers, null);
                    boolean search = SEARCH_PARAMETERS.contains(parameter) && token != null;
                    judge(
                            route,
                            "query " + parameter + "=" + value + " twice" + (token == null ? "" : " (valid token)"),
                            answer,
                            null,
                            false,
                            search);
                    judge(
                            route,
                            "query " + parameter + "=" + value + (token == null ? "" : " (valid token)"),
                            single,
                            null,
                            false,
                            search);
                }
            }
        }
    }

    // ---- headers ----------------------------------------------------------------------------

    void walkHeaders(Route route, Callers callers) {
        String path = concretePath(route, callers);
        byte[] body = route.hasBody() ? object(template(route, callers)) : null;
        Map<String, String> hostile = new LinkedHashMap<>();
        hostile.put("Authorization", "Bearer " + KIB_16);
        hostile.put("User-Agent", KIB_16);
        hostile.put("X-Forwarded-For", KIB_16);
        hostile.put("Accept-Language", KIB_16);
        hostile.put("X-Forwarded-For ", "fe80::1%eth0-" + "z".repeat(50) + ", 10.0.0.1");
        hostile.put("Accept-Language ", "*;q=1e999999, xx-XXXXXXXXXXXXXXXXXXXXXXX;q=-1, ;;;");
        hostile.put("User-Agent ", "Mozilla/5.0 " + "(".repeat(2000));
        hostile.forEach((name, value) -> {
            Map<String, String> headers = new LinkedHashMap<>();
            if (body != null) {
                headers.put("Content-Type", "application/json");
            }
            headers.put(name.trim(), value);
            Answer answer = send(route.method(), path, headers, body);
            judge(
                    route,
                    "header " + name.trim() + ": " + excerpt(value, 40),
                    answer,
                    null,
                    route.logout() && !name.equals("Authorization"),
                    false);
        });
    }

    // ---- forged tokens ----------------------------------------------------------------------

    List<String> forgedTokens(String genuine) throws Exception {
        JsonObject claims = claims(genuine);
        String kid = TestTokens.serverKid();
        long now = Instant.now().getEpochSecond();
        String rs256 = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
        List<String> tokens = new ArrayList<>();
        tokens.add(TestTokens.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + TestTokens.encode(claims.toString())
                + ".");
        tokens.add(TestTokens.encode("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}") + "."
                + TestTokens.encode(claims.toString()) + "." + genuine.split("\\.")[2]);
        tokens.add(TestTokens.encode("{\"alg\":\"NONE\"}") + "." + TestTokens.encode(claims.toString()) + ".");
        byte[] publicKey = serverPublicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(publicKey) + "\n-----END PUBLIC KEY-----\n";
        tokens.add(hs256(
                "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}",
                claims.toString(),
                pem.getBytes(StandardCharsets.US_ASCII)));
        tokens.add(hs256("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims.toString(), publicKey));
        tokens.add(TestTokens.signed(
                "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"unknown-kid\"}",
                claims.toString(),
                TestTokens.randomKey()));
        tokens.add(TestTokens.signed(rs256, claims.toString(), TestTokens.randomKey()));
        tokens.add(
                TestTokens.signed(rs256, with(claims, "exp", now - 3600, "iat", now - 3900), TestTokens.serverKey()));
        tokens.add(
                TestTokens.signed(rs256, with(claims, "iat", now + 3600, "exp", now + 3900), TestTokens.serverKey()));
        tokens.add(TestTokens.signed(
                rs256,
                Json.createObjectBuilder(claims)
                        .add("iss", "https://evil.example")
                        .build()
                        .toString(),
                TestTokens.serverKey()));
        tokens.add(TestTokens.signed(
                rs256, Json.createObjectBuilder(claims).remove("iss").build().toString(), TestTokens.serverKey()));
        tokens.add(TestTokens.signed(
                rs256, Json.createObjectBuilder(claims).remove("exp").build().toString(), TestTokens.serverKey()));
        tokens.add(genuine.substring(0, genuine.lastIndexOf('.') + 1) + "AAAA");
        tokens.add("garbage");
        tokens.add("a.b.c");
        tokens.add("..");
        tokens.add(TestTokens.encode("{\"alg\":\"RS256\"}") + "." + TestTokens.encode("[1e999999]") + ".x");
        tokens.add(TestTokens.encode("{".repeat(5000)) + "." + TestTokens.encode("{}") + ".x");
        return tokens;
    }

    void walkTokens(Route route, Callers callers, List<String> forged) {
        String path = concretePath(route, callers);
        byte[] body = route.hasBody() ? object(template(route, callers)) : null;
        List<String> authorizations = new ArrayList<>();
        forged.forEach(token -> authorizations.add("Bearer " + token));
        authorizations.add("Bearer");
        authorizations.add(
                "Basic " + Base64.getEncoder().encodeToString((Api.ADMIN + ":wrong").getBytes(StandardCharsets.UTF_8)));
        authorizations.add("bearer\u0000" + callers.admin());
        for (int i = 0; i < authorizations.size(); i++) {
            String authorization = authorizations.get(i);
            if (authorization.contains("\u0000")) {
                continue; // HttpClient refuses a NUL in a header; the raw-socket probe below sends it
            }
            Map<String, String> headers = new LinkedHashMap<>();
            if (body != null) {
                headers.put("Content-Type", "application/json");
            }
            headers.put("Authorization", authorization);
            Answer answer = send(route.method(), path, headers, body);
            judge(route, "forged token #" + i + " " + excerpt(authorization, 60), answer, null, route.logout(), false);
        }
        Answer nul = raw(
                route.method() + " /" + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \u0000"
                        + callers.admin() + "\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
                new byte[0]);
        judge(route, "raw NUL in the Authorization header", nul, null, route.logout(), false);
    }

    // ---- a Content-Length that lies ---------------------------------------------------------

    void walkLyingLength(Route route) {
        if (!Set.of("POST", "PUT", "PATCH").contains(route.method())) {
            return;
        }
        String path = route.path().replaceAll("\\{[^}]+}", "hostile");
        Answer answer = raw(
                route.method() + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100000000\r\nConnection: close\r\n\r\n",
                bytes("{\"username\":\"x\""));
        judge(route, "Content-Length: 100000000 with a 16-byte body", answer, null, false, false);
    }

    // ---- judging ----------------------------------------------------------------------------

    /** Inputs the HTTP listener itself refuses, before any application code runs. */
    static final List<String> LISTENER_REFUSED =
            List.of("%00", "%FF%FE", "%C0%AE", "%2f", "raw NUL in the Authorization header");

    int listenerRefusals;

    /**
     * The one exception to the problem-document rule, kept as narrow as it can be: a request line
     * with an encoded NUL, invalid or overlong UTF-8 or an encoded slash in its path, or a raw NUL in
     * a header, is refused by Payara's HTTP listener (Grizzly) with a bare 400 and no body, before the
     * request is mapped to the application, so no application code (and no error page) ever sees it.
     * Such an answer must still be exactly 400 with an empty body; anything else is judged as usual.
     * docs/api.md states the limit.
     */
    static boolean refusedByTheListener(String input, Answer answer) {
        return answer.status() == 400
                && (answer.body() == null || answer.body().isEmpty())
                && LISTENER_REFUSED.stream().anyMatch(input::contains);
    }

    /**
     * Records a failure unless the answer is a 4xx problem document with a string code and no stack
     * trace. {@code codes}: the 400 and codes owed. {@code noContentAllowed}: logout answers 204 to
     * tokens it does not know, by contract. {@code searchAllowed}: a search may find nothing.
     */
    void judge(
            Route route,
            String input,
            Answer answer,
            Set<String> codes,
            boolean noContentAllowed,
            boolean searchAllowed) {
        requests++;
        String where = route.key() + " | " + input + " | ";
        if (answer.error() != null) {
            failures.add(where + "no answer: " + answer.error());
            return;
        }
        String excerpt = excerpt(answer.body(), 300);
        if (noContentAllowed && answer.status() == 204) {
            return;
        }
        if (searchAllowed && answer.status() == 200) {
            try {
                JsonObject page =
                        Json.createReader(new StringReader(answer.body())).readObject();
                if (page.getJsonNumber("total").longValue() != 0) {
                    failures.add(where + "200: a hostile search value found rows: " + excerpt);
                }
            } catch (RuntimeException e) {
                failures.add(where + "200 without a page: " + excerpt);
            }
            return;
        }
        if (answer.status() < 400 || answer.status() >= 500) {
            failures.add(where + answer.status() + ": " + excerpt);
            return;
        }
        if (refusedByTheListener(input, answer)) {
            listenerRefusals++;
            return;
        }
        if (answer.contentType() == null || !answer.contentType().startsWith("application/problem+json")) {
            failures.add(where + answer.status() + " with Content-Type " + answer.contentType() + ": " + excerpt);
            return;
        }
        String code;
        try {
            JsonValue value = Json.createReader(new StringReader(answer.body()))
                    .readObject()
                    .get("code");
            code = value instanceof JsonString text ? text.getString() : null;
        } catch (RuntimeException e) {
            code = null;
        }
        if (code == null) {
            failures.add(where + answer.status() + " without a string code: " + excerpt);
            return;
        }
        if (STACK_TRACE.matcher(answer.body()).find()) {
            failures.add(where + answer.status() + " with a stack trace: " + excerpt);
            return;
        }
        if (codes != null && (answer.status() != 400 || !codes.contains(code))) {
            failures.add(where + answer.status() + " " + code + ", expected 400 " + codes + ": " + excerpt);
        }
    }

    /** Adds a valid token with the passive-activity header; answers whether the caller may use the route. */
    static boolean authorize(Route route, String token, Map<String, String> headers) {
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
            headers.put("X-Portero-Activity", "passive");
        }
        return !route.secured() || token != null;
    }

    String concretePath(Route route, Callers callers) {
        String path = route.path();
        path = path.replace("{username}", callers.target());
        path = path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        return path.substring(1);
    }

    // ---- the server and the database --------------------------------------------------------

    void assertReady(String when) {
        Answer ready = send("GET", "health/ready", Map.of(), null);
        assertEquals(200, ready.status(), "/health/ready " + when + ": " + ready);
    }

    /** Row count and checksum of every table a request could change. */
    static Map<String, String> snapshot() {
        Map<String, String> state = new LinkedHashMap<>();
        for (String table :
                List.of("account", "user_session", "retired_refresh_token", "refresh_token_key", "signing_key")) {
            state.put(
                    table,
                    Db.string(
                            "SELECT COUNT(*) || ' rows, md5 ' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '-') FROM "
                                    + table + " t"));
        }
        return state;
    }

    // ---- sending ----------------------------------------------------------------------------

    Answer send(String method, String path, Map<String, String> headers, byte[] body) {
        URI uri = api.base().resolve(path);
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(60))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(builder::header);
            HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    new String(response.body(), StandardCharsets.UTF_8),
                    null);
        } catch (IOException | IllegalArgumentException e) {
            return new Answer(0, null, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends bytes HttpClient would not send (a lying Content-Length, a NUL in a header) and reads the
     * reply for 20 s at most: the container answers at once but keeps the connection open, waiting for
     * the body it was promised, so the reply is complete when its length or last chunk has arrived.
     */
    Answer raw(String head, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", api.base().getPort()), 10_000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                    if (complete(received.toString(StandardCharsets.ISO_8859_1))) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                if (received.size() == 0) {
                    return new Answer(0, null, "", "no reply within 20 s");
                }
            } catch (IOException e) {
                if (received.size() == 0) {
                    return new Answer(0, null, "", e.toString());
                }
            }
            return parse(received.toString(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return new Answer(0, null, "", e.toString());
        }
    }

    static boolean complete(String reply) {
        int end = reply.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(reply.substring(0, end));
        if (length.find()) {
            return reply.length() - end - 4 >= Integer.parseInt(length.group(1));
        }
        return reply.endsWith("0\r\n\r\n");
    }

    static Answer parse(String reply) {
        int end = reply.indexOf("\r\n\r\n");
        String head = end < 0 ? reply : reply.substring(0, end);
        String body = end < 0 ? "" : reply.substring(end + 4);
        Matcher status = Pattern.compile("^HTTP/1\\.[01] (\\d{3})").matcher(head);
        if (!status.find()) {
            return new Answer(0, null, "", "not an HTTP reply: " + excerpt(reply, 200));
        }
        Matcher type = Pattern.compile("(?im)^content-type:\\s*(.+)$").matcher(head);
        if (Pattern.compile("(?im)^transfer-encoding:\\s*chunked").matcher(head).find()) {
            StringBuilder plain = new StringBuilder();
            String rest = body;
            while (true) {
                int line = rest.indexOf("\r\n");
                if (line < 0) {
                    break;
                }
                int size;
                try {
                    size = Integer.parseInt(rest.substring(0, line).trim().split(";")[0], 16);
                } catch (NumberFormatException e) {
                    break;
                }
                if (size == 0 || rest.length() < line + 2 + size) {
                    break;
                }
                plain.append(rest, line + 2, line + 2 + size);
                rest = rest.substring(line + 2 + size + 2);
            }
            body = plain.toString();
        }
        body = new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return new Answer(
                Integer.parseInt(status.group(1)), type.find() ? type.group(1).trim() : null, body, null);
    }

    // ---- small helpers ----------------------------------------------------------------------

    JsonObject claims(String token) {
        return Json.createReader(new StringReader(TestTokens.decode(token.split("\\.")[1])))
                .readObject();
    }

    static String with(JsonObject claims, String name, long value, String other, long otherValue) {
        return Json.createObjectBuilder(claims)
                .add(name, value)
                .add(other, otherValue)
                .build()
                .toString();
    }

    PublicKey serverPublicKey() throws Exception {
        Answer jwks = send("GET", ".well-known/jwks.json", Map.of(), null);
        JsonObject key = Json.createReader(new StringReader(jwks.body()))
                .readObject()
                .getJsonArray("keys")
                .getJsonObject(0);
        Base64.Decoder decoder = Base64.getUrlDecoder();
        return KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(
                        new BigInteger(1, decoder.decode(key.getString("n"))),
                        new BigInteger(1, decoder.decode(key.getString("e")))));
    }

    static String hs256(String header, String claims, byte[] secret) throws Exception {
        String input = TestTokens.encode(header) + "." + TestTokens.encode(claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return input + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    static LinkedHashMap<String, byte[]> with(LinkedHashMap<String, byte[]> template, String name, String json) {
        return with(template, name, bytes(json));
    }

    static LinkedHashMap<String, byte[]> with(LinkedHashMap<String, byte[]> template, String name, byte[] json) {
        LinkedHashMap<String, byte[]> copy = new LinkedHashMap<>(template);
        copy.put(name, json);
        return copy;
    }

    static byte[] object(Map<String, byte[]> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes("{"));
        boolean first = true;
        for (Map.Entry<String, byte[]> field : fields.entrySet()) {
            out.writeBytes(bytes((first ? "" : ",") + quote(field.getKey()) + ":"));
            out.writeBytes(field.getValue());
            first = false;
        }
        out.writeBytes(bytes("}"));
        return out.toByteArray();
    }

    /** Another valid value of the same JSON type, for the duplicate key. */
    static String other(String value) {
        return switch (value.charAt(0)) {
            case 't' -> "false";
            case 'f' -> "true";
            case '[' -> "[\"admin\"]";
            default -> quote("Duplicate-value-123");
        };
    }

    static String quote(String text) {
        return Json.createValue(text).toString();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] withoutLastByte(byte[] bytes) {
        return Arrays.copyOf(bytes, bytes.length - 1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static String excerpt(String text, int max) {
        String flat = text == null
                ? ""
                : text.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
        return flat.length() <= max ? flat : flat.substring(0, max) + "…(" + flat.length() + " chars)";
    }
}
