package io.portero.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A black-box HTTP client for Portero in tests. It only ever talks to 127.0.0.1: the URL
 * Arquillian reports carries the machine's address, so only its port is kept.
 */
public final class Api {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "it-admin-password-123";
    public static final String PASSWORD = "correct-horse-battery";

    private final URI base;
    private final URI management;
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    public Api(URL reported) {
        this(reported, null);
    }

    /** A client whose health probes go to {@code management} (a WildFly node's management port). */
    Api(URL reported, URI management) {
        this.base = URI.create("http://127.0.0.1:" + reported.getPort() + "/");
        this.management = management;
    }

    public URI base() {
        return base;
    }

    /** A response: status, headers and the body parsed as JSON when it is JSON. */
    public record Reply(int status, HttpResponse<String> raw) {

        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(raw.body()))) {
                JsonStructure structure = reader.read();
                return structure.asJsonObject();
            }
        }

        public JsonArray array() {
            try (JsonReader reader = Json.createReader(new StringReader(raw.body()))) {
                return reader.readArray();
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String code() {
            return json().getString("code", null);
        }

        public String body() {
            return raw.body();
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    public Request request(String method, String path) {
        return new Request(method, path);
    }

    public Reply get(String path, String token) {
        return request("GET", path).bearer(token).send();
    }

    /**
     * Where the probes and metrics are ({@code health/ready}, {@code metrics}, ...): the application's
     * root on Payara Micro, the management port on WildFly (execution wildfly names it in
     * {@code portero.it.wildfly.management-port}; an {@link ExtraNode} on WildFly gives its own).
     */
    public URI probes() {
        if (management != null) {
            return management;
        }
        String managementPort = System.getProperty("portero.it.wildfly.management-port");
        if (!"wildfly".equals(System.getProperty("portero.it.server")) || managementPort == null) {
            return base;
        }
        return URI.create("http://127.0.0.1:" + managementPort + "/");
    }

    /** A health probe ({@code health/ready}, ...), where {@link #probes()} says. */
    public Reply health(String probe) {
        return new Request("GET", probe).send(probes());
    }

    public Reply post(String path, String json, String token) {
        return request("POST", path).bearer(token).json(json).send();
    }

    public Reply delete(String path, String token) {
        return request("DELETE", path).bearer(token).send();
    }

    /** One request being built. */
    public final class Request {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final List<String[]> extraLines = new ArrayList<>();
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        Request(String method, String path) {
            this.method = method;
            this.path = path.startsWith("/") ? path.substring(1) : path;
        }

        public Request bearer(String token) {
            if (token != null) {
                headers.put("Authorization", "Bearer " + token);
            }
            return this;
        }

        public Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Adds one more line of a header, beside any line already set under the same name. */
        public Request addHeader(String name, String value) {
            extraLines.add(new String[] {name, value});
            return this;
        }

        public Request json(String json) {
            if (json != null) {
                headers.putIfAbsent("Content-Type", "application/json");
                body = HttpRequest.BodyPublishers.ofString(json);
            }
            return this;
        }

        public Request body(String contentType, byte[] bytes) {
            headers.put("Content-Type", contentType);
            body = HttpRequest.BodyPublishers.ofByteArray(bytes);
            return this;
        }

        public Reply send() {
            return send(base);
        }

        Reply send(URI root) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(root.resolve(path))
                    .timeout(Duration.ofSeconds(60))
                    .method(method, body);
            headers.forEach(builder::header);
            extraLines.forEach(line -> builder.header(line[0], line[1]));
            try {
                HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                return new Reply(response.statusCode(), response);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    // ---- flows ------------------------------------------------------------------------------

    /** Tokens of one login. */
    public record Login(String access, String refresh, String sessionId) {}

    public Reply loginReply(String username, String password, String userAgent) {
        Request request = request("POST", "api/token/").json(credentials(username, password));
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        return request.send();
    }

    public Login login(String username, String password) {
        Reply reply = loginReply(username, password, null);
        if (reply.status() != 200) {
            throw new AssertionError("login of " + username + " failed: " + reply);
        }
        JsonObject json = reply.json();
        return new Login(json.getString("access"), json.getString("refresh"), json.getString("session_id"));
    }

    private Login admin;

    /**
     * An administrator's access token, one login per client. The administrator is subject to the
     * device limit like anyone: {@link #close()} logs it out again, and should an earlier test
     * have left two sessions behind, the login ends the least recently active one.
     */
    public String adminToken() {
        if (admin == null) {
            Reply reply = loginReply(ADMIN, ADMIN_PASSWORD, null);
            if (reply.status() == 409) {
                String oldest =
                        reply.json().getJsonArray("sessions").getJsonObject(0).getString("id");
                reply = request("POST", "api/token/")
                        .json(Json.createObjectBuilder()
                                .add("username", ADMIN)
                                .add("password", ADMIN_PASSWORD)
                                .add("end_session", oldest)
                                .build()
                                .toString())
                        .send();
            }
            if (reply.status() != 200) {
                throw new AssertionError("administrator login failed: " + reply);
            }
            JsonObject json = reply.json();
            admin = new Login(json.getString("access"), json.getString("refresh"), json.getString("session_id"));
        }
        return admin.access();
    }

    /** Logs out the administrator session this client opened, if any. */
    public void close() {
        if (admin != null) {
            request("POST", "api/logout/")
                    .json("{\"refresh\":\"" + admin.refresh() + "\"}")
                    .send();
            admin = null;
        }
    }

    /** Creates a user with {@link #PASSWORD} through the admin API; answers its username. */
    public String createUser(String adminToken, String username) {
        Reply reply = post(
                "api/admin/users",
                "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\",\"email\":\"" + username
                        + "@example.test\"}",
                adminToken);
        if (reply.status() != 201) {
            throw new AssertionError("creating " + username + " failed: " + reply);
        }
        return username;
    }

    public static String credentials(String username, String password) {
        return Json.createObjectBuilder()
                .add("username", username)
                .add("password", password)
                .build()
                .toString();
    }

    /** A username no other test uses. */
    public static String uniqueName(String prefix) {
        return prefix + "_" + Long.toString(System.nanoTime(), 36) + Integer.toString((int) (Math.random() * 1000), 36);
    }
}
