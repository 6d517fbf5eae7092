package io.portero.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portero.client.ApiClient;
import io.portero.client.ApiException;
import io.portero.client.api.AuthApi;
import io.portero.client.api.SessionsApi;
import io.portero.client.model.LoginRequest;
import io.portero.client.model.LogoutRequest;
import io.portero.client.model.Problem;
import io.portero.client.model.RefreshRequest;
import io.portero.client.model.RefreshResponse;
import io.portero.client.model.SessionStatus;
import io.portero.client.model.SessionView;
import io.portero.client.model.TokenResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The API as a frontend team consumes it: through a client generated from the OpenAPI document
 * (OpenAPI Generator, {@code java} with the {@code native} library, at {@code generate-test-sources}
 * from {@code src/test/resources/openapi/portero.yaml}). That file is the document this server
 * serves at {@code /openapi}; the first test proves it, so the client is generated from what the
 * code publishes. When the API changes, the test fails and writes the served document to
 * {@code target/openapi/portero.yaml}: review the difference and copy it over the committed one.
 *
 * <p>Payara-only (not in the WildFly executions): the committed document is the one Payara writes
 * (OpenAPI 3.0); WildFly's MicroProfile OpenAPI 4 writes 3.1.
 */
class GeneratedClientIT extends IntegrationTest {

    static final Path COMMITTED = Path.of("src/test/resources/openapi/portero.yaml");
    static final Path SERVED = Path.of("target/openapi/portero.yaml");

    @Test
    void theClientIsGeneratedFromTheDocumentTheServerServes() throws IOException {
        Api.Reply yaml = api.request("GET", "openapi").send();
        assertEquals(200, yaml.status(), yaml.toString());
        assertTrue(yaml.header("Content-Type").startsWith("application/yaml"), yaml.header("Content-Type"));

        Files.createDirectories(SERVED.getParent());
        Files.writeString(SERVED, yaml.body(), StandardCharsets.UTF_8);
        assertEquals(
                withoutServers(Files.readString(COMMITTED, StandardCharsets.UTF_8)),
                withoutServers(yaml.body()),
                "/openapi differs from " + COMMITTED + " (the document the test client is generated from); "
                        + "review and copy " + SERVED + " over it");
    }

    @Test
    void theDocumentIsJsonWhenAskedFor() {
        Api.Reply byAccept = api.request("GET", "openapi")
                .header("Accept", "application/json")
                .send();
        Api.Reply byFormat = api.request("GET", "openapi?format=JSON").send();
        Api.Reply yamlAccept = api.request("GET", "openapi")
                .header("Accept", "application/yaml")
                .send();

        assertTrue(byAccept.header("Content-Type").startsWith("application/json"), byAccept.header("Content-Type"));
        assertTrue(byFormat.header("Content-Type").startsWith("application/json"), byFormat.header("Content-Type"));
        assertEquals("3.0.0", byAccept.json().getString("openapi"));
        assertEquals(200, yamlAccept.status(), yamlAccept.toString());
        assertTrue(yamlAccept.header("Content-Type").startsWith("application/yaml"), yamlAccept.header("Content-Type"));
    }

    @Test
    void aGeneratedClientLogsInReadsItsSessionRefreshesAndLogsOut() throws Exception {
        String user = newUser("generated");
        AtomicReference<String> bearer = new AtomicReference<>();
        ApiClient client = new ApiClient();
        client.updateBaseUri(api.base().toString().replaceAll("/$", ""));
        client.setRequestInterceptor(request -> {
            if (bearer.get() != null) {
                request.header("Authorization", "Bearer " + bearer.get());
            }
        });
        AuthApi auth = new AuthApi(client);
        SessionsApi sessions = new SessionsApi(client);

        TokenResponse login = auth.login(new LoginRequest().username(user).password(Api.PASSWORD));
        assertEquals("Bearer", login.getTokenType());
        assertTrue(login.getAccessExpiresIn().intValue() > 0, "access_expires_in " + login.getAccessExpiresIn());
        bearer.set(login.getAccess());

        SessionStatus status = sessions.getSessionStatus();
        assertTrue(status.getActive());
        assertEquals(login.getSessionId(), status.getSessionId());
        assertEquals(user, status.getUsername());
        assertFalse(status.getIdleExpiresAt().isAfter(status.getExpiresAt()));

        List<SessionView> mine = sessions.listMySessions();
        assertEquals(1, mine.size(), mine.toString());
        assertEquals(login.getSessionId(), mine.get(0).getId());
        assertTrue(mine.get(0).getCurrent());

        RefreshResponse refreshed = auth.refreshToken(new RefreshRequest().refresh(login.getRefresh()));
        assertNotEquals(login.getRefresh(), refreshed.getRefresh());
        bearer.set(refreshed.getAccess());
        assertEquals(login.getSessionId(), sessions.getSessionStatus().getSessionId());

        auth.logout(new LogoutRequest().refresh(refreshed.getRefresh()));

        ApiException ended = assertThrows(ApiException.class, sessions::getSessionStatus);
        assertEquals(401, ended.getCode());
        Problem problem = client.getObjectMapper().readValue(ended.getResponseBody(), Problem.class);
        assertEquals(Problem.CodeEnum.SESSION_ENDED, problem.getCode());
        assertEquals(401, problem.getStatus());
    }

    /** The document without {@code servers}, which names the address it was fetched from. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withoutServers(String yaml) {
        Map<String, Object> document = (Map<String, Object>) new Yaml().load(yaml);
        document.remove("servers");
        return document;
    }
}
