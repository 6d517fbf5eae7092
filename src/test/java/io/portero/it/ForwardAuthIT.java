package io.portero.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Portero as nginx's {@code auth_request} in front of an application: the shipped
 * {@code docs/nginx-forward-auth.conf}, run by a real nginx on 127.0.0.1 before a tiny application
 * that echoes the headers it receives. The deployment has an 8-second idle timeout, a 1-second
 * activity write interval, 127.0.0.1 as a trusted proxy and {@code /notifications/poll,GET /*}
 * {@code /status} as passive paths. Skipped when nginx is not installed ({@code .ci/run} installs it).
 */
class ForwardAuthIT extends IntegrationTest {

    private static final Path SHIPPED_CONFIG = Path.of("docs", "nginx-forward-auth.conf");
    private static final Path NGINX_DIR =
            Path.of("target", "nginx-forward-auth").toAbsolutePath();

    private static HttpServer application;
    private static Process nginx;
    private static URI proxy;

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    @BeforeAll
    static void startApplication() throws IOException {
        assumeTrue(
                nginxBinary().isPresent(), "nginx is not installed (apt-get install nginx): forward-auth test skipped");
        application =
                HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 16);
        application.createContext("/", exchange -> {
            JsonObjectBuilder headers = Json.createObjectBuilder();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.add(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            byte[] body = Json.createObjectBuilder()
                    .add("method", exchange.getRequestMethod())
                    .add("uri", exchange.getRequestURI().toString())
                    .add("headers", headers)
                    .build()
                    .toString()
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        application.start();
    }

    /** nginx needs Portero's port, which only the deployed test instance knows: started once, here. */
    @BeforeEach
    void startNginx() throws Exception {
        if (nginx != null) {
            return;
        }
        int port = freePort();
        Files.createDirectories(NGINX_DIR.resolve("temp"));
        String shipped = Files.readString(SHIPPED_CONFIG);
        String site = replaceOnce(
                shipped,
                "server 127.0.0.1:8080;",
                "server 127.0.0.1:" + api.base().getPort() + ";");
        site = replaceOnce(
                site,
                "server 127.0.0.1:3000;",
                "server 127.0.0.1:" + application.getAddress().getPort() + ";");
        site = replaceOnce(site, "listen 127.0.0.1:8000;", "listen 127.0.0.1:" + port + ";");
        Files.writeString(NGINX_DIR.resolve("portero.conf"), site);
        String temp = NGINX_DIR.resolve("temp") + "/";
        Files.writeString(
                NGINX_DIR.resolve("nginx.conf"),
                String.join(
                        "\n",
                        "worker_processes 1;",
                        "error_log " + NGINX_DIR.resolve("error.log") + " info;",
                        "events { worker_connections 256; }",
                        "http {",
                        "    access_log " + NGINX_DIR.resolve("access.log") + ";",
                        "    client_body_temp_path " + temp + "body;",
                        "    proxy_temp_path " + temp + "proxy;",
                        "    fastcgi_temp_path " + temp + "fastcgi;",
                        "    uwsgi_temp_path " + temp + "uwsgi;",
                        "    scgi_temp_path " + temp + "scgi;",
                        "    include " + NGINX_DIR.resolve("portero.conf") + ";",
                        "}",
                        ""));
        nginx = new ProcessBuilder(
                        nginxBinary().orElseThrow().toString(),
                        "-p",
                        NGINX_DIR.toString(),
                        "-e",
                        NGINX_DIR.resolve("error.log").toString(),
                        "-c",
                        NGINX_DIR.resolve("nginx.conf").toString(),
                        "-g",
                        "daemon off; pid " + NGINX_DIR.resolve("nginx.pid") + ";")
                .redirectErrorStream(true)
                .redirectOutput(NGINX_DIR.resolve("nginx.out").toFile())
                .start();
        proxy = URI.create("http://127.0.0.1:" + port + "/");
        Instant deadline = Instant.now().plusSeconds(15);
        while (!accepts(port)) {
            if (!nginx.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("nginx did not start: " + Files.readString(NGINX_DIR.resolve("nginx.out"))
                        + Files.readString(NGINX_DIR.resolve("error.log")));
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (nginx != null) {
            nginx.destroy();
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                nginx.destroyForcibly();
            }
            nginx = null;
        }
        if (application != null) {
            application.stop(0);
            application = null;
        }
    }

    // ---- through nginx --------------------------------------------------------------------------

    @Test
    void aLiveSessionReachesTheApplicationWithWhoTheUserIs() {
        String user = newUser("fwd_live");
        Api.Login login = api.login(user, Api.PASSWORD);
        Api.Reply reply = viaNginx("GET", "orders/42?x=1", login.access(), Map.of("X-Portero-User", "admin"));
        assertEquals(200, reply.status(), reply::toString);
        JsonObject seen = reply.json();
        assertEquals("/orders/42?x=1", seen.getString("uri"));
        JsonObject headers = seen.getJsonObject("headers");
        assertEquals(user, headers.getString("x-portero-user"), "the client's own X-Portero-User is replaced");
        assertEquals(accountId(user), headers.getString("x-portero-user-id"));
        assertEquals("user", headers.getString("x-portero-roles"));
        assertEquals(login.sessionId(), headers.getString("x-portero-session"));
    }

    @Test
    void withoutATokenTheClientGetsPorterosProblem() {
        Api.Reply reply = viaNginx("GET", "orders", null, Map.of());
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("application/problem+json", mediaType(reply));
        assertEquals("not_authenticated", reply.code());
        assertEquals("Bearer", reply.header("WWW-Authenticate"));
    }

    @Test
    void afterLogoutTheNextRequestIsRefusedWithSessionEnded() {
        Api.Login login = api.login(newUser("fwd_logout"), Api.PASSWORD);
        assertEquals(200, viaNginx("GET", "orders", login.access(), Map.of()).status());
        assertEquals(
                204,
                api.post("api/logout/", "{\"refresh\":\"" + login.refresh() + "\"}", null)
                        .status());
        assertRefused(viaNginx("GET", "orders", login.access(), Map.of()), "session_ended");
    }

    @Test
    void afterAnAdministratorRevokesTheSessionTheNextRequestIsRefused() {
        Api.Login login = api.login(newUser("fwd_revoked"), Api.PASSWORD);
        assertEquals(200, viaNginx("GET", "orders", login.access(), Map.of()).status());
        assertEquals(
                204,
                api.delete("api/admin/sessions/" + login.sessionId(), api.adminToken())
                        .status());
        assertRefused(viaNginx("POST", "orders", login.access(), Map.of()), "session_revoked");
    }

    @Test
    void afterAPasswordChangeTheNextRequestIsRefused() {
        Api.Login login = api.login(newUser("fwd_password"), Api.PASSWORD);
        Api.Reply change = api.post(
                "api/change-password/",
                "{\"current_password\":\"" + Api.PASSWORD + "\",\"new_password\":\"another-horse-battery-9\"}",
                login.access());
        assertEquals(200, change.status(), change::toString);
        assertRefused(viaNginx("GET", "orders", login.access(), Map.of()), "password_changed");
    }

    @Test
    void anIdleSessionIsRefusedWithSessionExpired() {
        Api.Login login = api.login(newUser("fwd_idle"), Api.PASSWORD);
        assertEquals(200, viaNginx("GET", "orders", login.access(), Map.of()).status());
        Db.ageActivity(login.sessionId(), 9);
        assertRefused(viaNginx("GET", "orders", login.access(), Map.of()), "session_expired");
        assertEquals("IDLE_TIMEOUT", Db.endReason(login.sessionId()));
    }

    @Test
    void pollingAPassivePathDoesNotKeepTheSessionAliveButWorkDoes() {
        String user = newUser("fwd_poll");
        Api.Login poller = api.login(user, Api.PASSWORD);
        Api.Login worker = api.login(user, Api.PASSWORD);
        Db.ageActivity(poller.sessionId(), 5);
        Db.ageActivity(worker.sessionId(), 5);
        assertEquals(
                200,
                viaNginx("GET", "notifications/poll?since=7", poller.access(), Map.of())
                        .status());
        assertEquals(200, viaNginx("GET", "orders", worker.access(), Map.of()).status());
        assertTrue(activeWithin(worker.sessionId(), 3), "work is activity");
        assertTrue(!activeWithin(poller.sessionId(), 3), "a poll is not");
        Db.ageActivity(poller.sessionId(), 5);
        Db.ageActivity(worker.sessionId(), 5);
        assertRefused(viaNginx("GET", "notifications/poll", poller.access(), Map.of()), "session_expired");
        assertEquals(200, viaNginx("GET", "orders", worker.access(), Map.of()).status());
    }

    @Test
    void aPassivePathWithAMethodIsPassiveOnlyForThatMethodAndTheClientsHeaderAlwaysIs() {
        String user = newUser("fwd_method");
        Api.Login reader = api.login(user, Api.PASSWORD);
        Api.Login writer = api.login(user, Api.PASSWORD);
        Db.ageActivity(reader.sessionId(), 5);
        Db.ageActivity(writer.sessionId(), 5);
        assertEquals(
                200, viaNginx("GET", "orders/status", reader.access(), Map.of()).status());
        assertEquals(
                200,
                viaNginx("POST", "orders/status", writer.access(), Map.of()).status());
        assertTrue(!activeWithin(reader.sessionId(), 3), "GET /*/status is listed as passive");
        assertTrue(activeWithin(writer.sessionId(), 3), "POST /*/status is not");
        Db.ageActivity(reader.sessionId(), 1);
        assertEquals(
                200,
                viaNginx("GET", "orders", reader.access(), Map.of("X-Portero-Activity", "passive"))
                        .status());
        assertTrue(!activeWithin(reader.sessionId(), 3), "X-Portero-Activity: passive passes through nginx");
    }

    @Test
    void theAdministratorsAreaRefusesAPlainUserWithForbidden() {
        Api.Login login = api.login(newUser("fwd_plain"), Api.PASSWORD);
        Api.Reply refused = viaNginx("GET", "admin/reports", login.access(), Map.of());
        assertEquals(403, refused.status(), refused::toString);
        assertEquals("application/problem+json", mediaType(refused));
        assertEquals("forbidden", refused.code());
        Api.Reply admitted = viaNginx("GET", "admin/reports", api.adminToken(), Map.of());
        assertEquals(200, admitted.status(), admitted::toString);
        assertEquals("admin,user", admitted.json().getJsonObject("headers").getString("x-portero-roles"));
    }

    // ---- the route itself -------------------------------------------------------------------------

    @Test
    void everyMethodIsCheckedAlikeOptionsIncluded() {
        Api.Login login = api.login(newUser("fwd_methods"), Api.PASSWORD);
        for (String method : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
            Api.Reply reply =
                    api.request(method, "api/auth/check").bearer(login.access()).send();
            assertEquals(204, reply.status(), method + " " + reply);
            assertEquals(login.sessionId(), reply.header("X-Portero-Session"), method);
            Api.Reply anonymous = api.request(method, "api/auth/check/").send();
            assertEquals(401, anonymous.status(), method + " without a token " + anonymous);
        }
    }

    @Test
    void anUnknownRoleIsAValidationFailure() {
        Api.Login login = api.login(newUser("fwd_role"), Api.PASSWORD);
        Api.Reply reply = api.get("api/auth/check?role=root", login.access());
        assertEquals(400, reply.status(), reply::toString);
        assertEquals("validation_failed", reply.code());
        assertEquals(
                "unknown_role",
                reply.json().getJsonArray("violations").getJsonObject(0).getString("code"));
        assertEquals(204, api.get("api/auth/check?role=user", login.access()).status());
    }

    // ---- helpers ------------------------------------------------------------------------------

    private Api.Reply viaNginx(String method, String path, String token, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(proxy.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        headers.forEach(builder::header);
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Api.Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertRefused(Api.Reply reply, String code) {
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("application/problem+json", mediaType(reply));
        assertEquals(code, reply.code(), reply::toString);
        assertEquals(401, reply.json().getInt("status"));
    }

    private static String mediaType(Api.Reply reply) {
        String type = reply.header("Content-Type");
        return type == null ? null : type.split(";")[0].strip();
    }

    /** Whether the session's last activity was written in the last few seconds. */
    private static boolean activeWithin(String sessionId, int seconds) {
        return Db.count(
                        "SELECT COUNT(*) FROM user_session WHERE id = ? AND last_activity_at > now() - make_interval(secs => ?)",
                        UUID.fromString(sessionId),
                        (double) seconds)
                == 1;
    }

    private static String accountId(String username) {
        return Db.string("SELECT id::text FROM account WHERE username_key = lower(?)", username);
    }

    private static String replaceOnce(String text, String target, String replacement) {
        int at = text.indexOf(target);
        if (at < 0 || text.indexOf(target, at + 1) >= 0) {
            throw new AssertionError(SHIPPED_CONFIG + " must contain '" + target + "' exactly once");
        }
        return text.replace(target, replacement);
    }

    private static Optional<Path> nginxBinary() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/usr/local/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "nginx");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
