package io.portero.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The issue-9 import benchmark, against a running server (not part of the build): writes a Django
 * export of {@code USERS} users (default 100,000) in the shape {@code dumpdata auth.user} writes, each
 * with a real Django PBKDF2 hash (the import hashes nothing, so one hash serves all), posts it to
 * {@code POST /api/admin/users/import} in one request, and prints the time, the answer's counts and
 * the machine's load (from {@code /proc/loadavg}) before and after. Exits 1 unless the answer is
 * 200 with every user created within 60 s. The usernames carry a fresh prefix, so runs do not
 * collide. The server's {@code portero.import.max-body} must allow the export (100,000 users:
 * about 36 MB as JSON).
 *
 * <pre>
 * ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/test-cp.txt) io.portero.it.ImportBenchmark \
 *      http://127.0.0.1:8080/ "$PORTERO_ADMIN_PASSWORD" [users=100000] [json|jsonl] [again]
 * </pre>
 *
 * <p>{@code again}: then posts the same export once more with {@code on_conflict=update} (every row
 * unchanged), with a new token (the first may have outlived its lifetime), and prints that time too.
 */
public final class ImportBenchmark {

    /** Django 3.2's {@code make_password('correct horse battery staple', salt='Kq3uX8tPz1LmR5vWc9yB2d')}. */
    static final String DJANGO_PBKDF2 =
            "pbkdf2_sha256$260000$Kq3uX8tPz1LmR5vWc9yB2d$yEd0LeDaqeRlYGiKPlsCwE+luyBLkF8rkkmxQ9wmCZA=";

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0].endsWith("/") ? args[0] : args[0] + "/");
        String adminPassword = args[1];
        int users = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        boolean lines = args.length > 3 && args[3].equals("jsonl");
        boolean again = args.length > 4 && args[4].equals("again");
        String prefix = "bench" + Long.toString(System.currentTimeMillis(), 36) + "_";

        Path export = Files.createTempFile("portero-import-bench-", lines ? ".jsonl" : ".json");
        try {
            write(export, prefix, users, lines);
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            JsonObject login = login(client, base, adminPassword);
            String token = login.getString("access");

            String loadBefore = load();
            long start = System.nanoTime();
            HttpResponse<String> answer = client.send(
                    HttpRequest.newBuilder(base.resolve("api/admin/users/import"))
                            .timeout(Duration.ofMinutes(10))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", lines ? "application/x-ndjson" : "application/json")
                            .POST(HttpRequest.BodyPublishers.ofFile(export))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - start) / 1_000_000;
            String loadAfter = load();

            System.out.printf(
                    "[import-benchmark] %d users, %s, %.1f MB: HTTP %d in %,d ms (%,.0f users/s)%n",
                    users,
                    lines ? "JSON lines" : "JSON",
                    Files.size(export) / 1e6,
                    answer.statusCode(),
                    millis,
                    users * 1000.0 / Math.max(1, millis));
            System.out.printf("[import-benchmark] load (1, 5, 15 min) before: %s; after: %s%n", loadBefore, loadAfter);
            if (again) {
                JsonObject relogin = login(client, base, adminPassword);
                long second = System.nanoTime();
                HttpResponse<String> update = client.send(
                        HttpRequest.newBuilder(base.resolve("api/admin/users/import?on_conflict=update"))
                                .timeout(Duration.ofMinutes(10))
                                .header("Authorization", "Bearer " + relogin.getString("access"))
                                .header("Content-Type", lines ? "application/x-ndjson" : "application/json")
                                .POST(HttpRequest.BodyPublishers.ofFile(export))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                System.out.printf(
                        "[import-benchmark] the same export again, on_conflict=update: HTTP %d in %,d ms: %s%n",
                        update.statusCode(),
                        (System.nanoTime() - second) / 1_000_000,
                        update.body().length() > 300 ? update.body().substring(0, 300) + "…" : update.body());
                logout(client, base, relogin.getString("refresh"));
            }
            logout(client, base, login.getString("refresh"));
            String body = answer.body();
            System.out.println("[import-benchmark] " + (body.length() > 400 ? body.substring(0, 400) + "…" : body));
            boolean passed = answer.statusCode() == 200
                    && Json.createReader(new StringReader(body)).readObject().getInt("created") == users
                    && millis < 60_000;
            System.out.println("[import-benchmark] " + (passed ? "PASS" : "FAIL") + " (200, all created, under 60 s)");
            System.exit(passed ? 0 : 1);
        } finally {
            Files.deleteIfExists(export);
        }
    }

    /** The export, as dumpdata writes it (JSON: one array, rows separated by ", "; JSON lines: a row a line). */
    static void write(Path export, String prefix, int users, boolean lines) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(export, StandardCharsets.UTF_8)) {
            out.write(lines ? "" : "[");
            for (int i = 0; i < users; i++) {
                if (i > 0) {
                    out.write(lines ? "" : ", ");
                }
                out.write(Json.createObjectBuilder()
                        .add("model", "auth.user")
                        .add("pk", i + 1)
                        .add(
                                "fields",
                                Json.createObjectBuilder()
                                        .add("password", DJANGO_PBKDF2)
                                        .add(
                                                "last_login",
                                                i % 3 == 0
                                                        ? Json.createValue("2024-11-02T08:09:10.654Z")
                                                        : JsonValue.NULL)
                                        .add("is_superuser", false)
                                        .add("username", prefix + i)
                                        .add("first_name", "First")
                                        .add("last_name", "Last")
                                        .add("email", prefix + i + "@example.test")
                                        .add("is_staff", false)
                                        .add("is_active", i % 50 != 0)
                                        .add("date_joined", "2019-03-04T05:06:07.123Z")
                                        .add("groups", Json.createArrayBuilder())
                                        .add("user_permissions", Json.createArrayBuilder()))
                        .build()
                        .toString());
                if (lines) {
                    out.write("\n");
                }
            }
            out.write(lines ? "" : "]");
        }
    }

    /** Ends the benchmark's session, so runs never meet the device limit. */
    static void logout(HttpClient client, URI base, String refresh) throws Exception {
        client.send(
                HttpRequest.newBuilder(base.resolve("api/logout/"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"refresh\":\"" + refresh + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    static JsonObject login(HttpClient client, URI base, String adminPassword) throws Exception {
        HttpResponse<String> login = client.send(
                HttpRequest.newBuilder(base.resolve("api/token/"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Api.credentials("admin", adminPassword)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) {
            throw new IllegalStateException("administrator login: " + login.statusCode() + " " + login.body());
        }
        return Json.createReader(new StringReader(login.body())).readObject();
    }

    static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
