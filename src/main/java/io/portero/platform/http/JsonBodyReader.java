package io.portero.platform.http;

import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads every request body class of the API ({@link JsonRequest}) by the strict rules of
 * {@link JsonBodies}, in place of the runtime's lenient JSON-B binding (which takes
 * {@code ["secret"]} for {@code "secret"}). Being typed on {@link JsonRequest}, it is closer to
 * those classes than the runtime's readers of any {@code Object}, so it is the one chosen.
 *
 * <p>A request without body and without {@code Content-Type} (a Bearer-only logout) is "no entity"
 * on every runtime: Jersey (Payara) decides so before asking a reader, RESTEasy (WildFly) takes
 * the missing type for {@code application/octet-stream} and asks for a reader of that type. This
 * reader therefore accepts that type for an empty body only, as no entity; a non-empty body of that
 * type is still refused (415).
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json", MediaType.APPLICATION_OCTET_STREAM})
public class JsonBodyReader implements MessageBodyReader<JsonRequest> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return JsonRequest.class.isAssignableFrom(type);
    }

    @Override
    public JsonRequest readFrom(
            Class<JsonRequest> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> headers,
            InputStream body)
            throws IOException {
        if (MediaType.APPLICATION_OCTET_STREAM_TYPE.isCompatible(mediaType)) {
            if (body.read() == -1) {
                return null;
            }
            throw new NotSupportedException();
        }
        try {
            return JsonBodies.bind(JsonBodies.parseObject(body.readAllBytes()), type);
        } catch (JsonBodies.MalformedBodyException e) {
            throw new RequestBodyReading.MalformedBodyException(e);
        }
    }

    /** Raw JSON objects (partial updates) are read by the same rules: one well-formed object. */
    @Provider
    @Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
    public static class ObjectReader implements MessageBodyReader<JsonObject> {

        @Override
        public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return type == JsonObject.class;
        }

        @Override
        public JsonObject readFrom(
                Class<JsonObject> type,
                Type genericType,
                Annotation[] annotations,
                MediaType mediaType,
                MultivaluedMap<String, String> headers,
                InputStream body)
                throws IOException {
            try {
                return JsonBodies.parseObject(body.readAllBytes());
            } catch (JsonBodies.MalformedBodyException e) {
                throw new RequestBodyReading.MalformedBodyException(e);
            }
        }
    }
}
