package io.portero.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RESTEasy hands a request without Content-Type to the reader as application/octet-stream. */
class JsonBodyReaderTest {

    /** A JSON request body class, as the resources take them. */
    public static class Probe implements JsonRequest {
        public String refresh;
    }

    private static Object read(MediaType type, String body) throws IOException {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<JsonRequest> probe = (Class) Probe.class;
        return new JsonBodyReader()
                .readFrom(
                        probe,
                        Probe.class,
                        null,
                        type,
                        null,
                        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anUntypedEmptyBodyIsNoEntity() throws IOException {
        assertNull(read(MediaType.APPLICATION_OCTET_STREAM_TYPE, ""));
    }

    @Test
    void anUntypedBodyWithContentIsStillRefused() {
        assertThrows(
                NotSupportedException.class,
                () -> read(MediaType.APPLICATION_OCTET_STREAM_TYPE, "{\"refresh\":\"x\"}"));
    }

    @Test
    void aJsonBodyIsReadAsBefore() throws IOException {
        assertEquals("x", ((Probe) read(MediaType.APPLICATION_JSON_TYPE, "{\"refresh\":\"x\"}")).refresh);
    }
}
