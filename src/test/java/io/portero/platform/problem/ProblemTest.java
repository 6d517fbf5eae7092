package io.portero.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void theBodyListsTheRfc9457MembersInOrderThenCodeThenExtensions() {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("sessions", List.of());
        extensions.put("retry", 3);

        Map<String, Object> body =
                Problem.body("session_limit_reached", 409, Messages.SPANISH, "/api/token", extensions);

        assertEquals(
                List.of("type", "title", "status", "detail", "instance", "code", "sessions", "retry"),
                List.copyOf(body.keySet()));
        assertEquals("urn:portero:problem:session_limit_reached", body.get("type"));
        assertEquals("Conflicto", body.get("title"));
        assertEquals(409, body.get("status"));
        assertEquals("Máximo de dispositivos conectados", body.get("detail"));
        assertEquals("/api/token", body.get("instance"));
        assertEquals("session_limit_reached", body.get("code"));
        assertEquals(List.of(), body.get("sessions"));
        assertEquals(3, body.get("retry"));
    }

    @Test
    void titleAndDetailFollowTheCallersLanguage() {
        Map<String, Object> body = Problem.body("not_found", 404, Messages.ENGLISH, "/api/nowhere", Map.of());

        assertEquals("Not found", body.get("title"));
        assertEquals("The requested resource does not exist.", body.get("detail"));
        assertEquals("urn:portero:problem:not_found", body.get("type"));
    }

    @Test
    void anUnknownInstanceIsKeptAsNull() {
        Map<String, Object> body = Problem.body("internal_error", 500, Messages.SPANISH, null, Map.of());

        assertNull(body.get("instance"));
        assertEquals(6, body.size());
    }

    @Test
    void theResponseIsProblemJsonWithTheStatusAndTheBody() {
        Response response = Problem.response("username_taken", 409, Messages.ENGLISH, "/api/admin/users");

        assertEquals(409, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        assertEquals(
                Problem.body("username_taken", 409, Messages.ENGLISH, "/api/admin/users", Map.of()),
                response.getEntity());
    }

    @Test
    void violationsAreListedUnderTheirMember() {
        Problem.Violation violation = new Problem.Violation("new_password", "too_short", "This field is too short.");

        assertEquals(Map.of("violations", List.of(violation)), Problem.violations(List.of(violation)));
    }
}
