package io.portero.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portero.platform.http.BodyTooLargeException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThrowableMapperTest {

    private final Logger log = Logger.getLogger(ThrowableMapper.class.getName());
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private boolean parentHandlers;

    @BeforeEach
    void captureTheIncidentLog() {
        parentHandlers = log.getUseParentHandlers();
        log.setUseParentHandlers(false);
        log.addHandler(capture);
    }

    @AfterEach
    void releaseTheIncidentLog() {
        log.removeHandler(capture);
        log.setUseParentHandlers(parentHandlers);
    }

    private static Response map(Throwable e, String acceptLanguage) {
        ThrowableMapper mapper = new ThrowableMapper();
        mapper.headers = RequestStubs.acceptLanguage(acceptLanguage);
        mapper.uriInfo = RequestStubs.requestUri("/api/sessions");
        return mapper.toResponse(e);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Response response) {
        return (Map<String, Object>) response.getEntity();
    }

    @Test
    void aBodyOverTheLimitWrappedByTheRuntimeIs413() {
        Response response = map(new ProcessingException(new BodyTooLargeException(65_536)), null);

        assertEquals(413, response.getStatus());
        assertEquals("payload_too_large", body(response).get("code"));
        assertEquals(
                "El cuerpo de la solicitud supera el tamaño máximo: 64 KiB, o portero.import.max-body para una importación de usuarios.",
                body(response).get("detail"));
        assertTrue(logged.isEmpty(), "a client error is no incident");
    }

    @Test
    void aJsonFailureOutsideRequestReadingIsAServerError() {
        Response response = map(
                new ProcessingException("Error serializing object", new JsonbException("Unable to serialize property")),
                "en");

        assertEquals(500, response.getStatus(), "only the body reader may blame the client's JSON");
        assertEquals("internal_error", body(response).get("code"));
        assertFalse(logged.isEmpty(), "a server failure is an incident");
    }

    @Test
    void anUnexpectedFailureIs500WithAnIncidentAndNothingOfTheException() {
        IllegalStateException failure =
                new IllegalStateException("connection to jdbc:postgresql://db:5432/portero refused");

        Response response = map(failure, "en");

        assertEquals(500, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        Map<String, Object> body = body(response);
        assertEquals("internal_error", body.get("code"));
        assertEquals("Internal server error.", body.get("detail"));
        assertEquals("/api/sessions", body.get("instance"));
        assertEquals(
                List.of("type", "title", "status", "detail", "instance", "code", "incident"),
                List.copyOf(body.keySet()));
        String incident = (String) body.get("incident");
        assertEquals(incident, UUID.fromString(incident).toString());
        String text = body.toString();
        assertFalse(text.contains("jdbc"), text);
        assertFalse(text.contains("IllegalStateException"), text);
        assertFalse(text.contains("at io.portero"), text);
    }

    @Test
    void theIncidentIdLeadsToTheLoggedFailure() {
        IllegalStateException failure = new IllegalStateException("boom");

        Response response = map(failure, null);

        assertEquals(1, logged.size());
        assertTrue(logged.get(0).getMessage().contains((String) body(response).get("incident")));
        assertSame(failure, logged.get(0).getThrown());
    }

    @Test
    void everyIncidentHasItsOwnId() {
        Object first = body(map(new RuntimeException("a"), null)).get("incident");
        Object second = body(map(new RuntimeException("a"), null)).get("incident");

        assertNotEquals(first, second);
    }

    @Test
    void anErrorThatIsNoBodyProblemIsAlso500() {
        Response response = map(new UncheckedIOException(new IOException("disk full")), null);

        assertEquals(500, response.getStatus());
        assertEquals("internal_error", body(response).get("code"));
        assertEquals("Error interno del servidor.", body(response).get("detail"));
    }

    @Test
    void anUnreachableDatabaseIs503WithRetryAfter() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
        Response response = map(new IllegalStateException("query failed", refused), "en");

        assertEquals(503, response.getStatus());
        assertEquals("5", response.getHeaderString("Retry-After"));
        assertEquals("service_unavailable", body(response).get("code"));
        assertEquals(
                "The service is temporarily unavailable; try again in a few seconds.",
                body(response).get("detail"));
    }

    @Test
    void otherSqlFailuresAreStillServerErrors() {
        SQLException constraint = new SQLException("duplicate key", "23505");
        Response response = map(new IllegalStateException("insert failed", constraint), "en");

        assertEquals(500, response.getStatus());
        assertEquals("internal_error", body(response).get("code"));
    }
}
