package io.portero.platform.http;

import io.portero.platform.problem.Failures;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;

/**
 * Tells apart what goes wrong while a request body is read: a body that is not the JSON expected is
 * the client's fault ({@link MalformedBodyException}, 400 {@code malformed_json}), one past the size
 * limit too (413). Failures anywhere else, such as writing a response, stay server errors.
 */
@Provider
public class RequestBodyReading implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        try {
            return context.proceed();
        } catch (BodyTooLargeException e) {
            throw new WebApplicationException(e, 413);
        } catch (JsonbException | JsonException | ProcessingException e) {
            if (Failures.causedBy(e, BodyTooLargeException.class)) {
                throw new WebApplicationException(e, 413);
            }
            throw new MalformedBodyException(e);
        }
    }

    /** A request body that could not be read as the JSON the resource expects. */
    public static class MalformedBodyException extends BadRequestException {

        public MalformedBodyException(Throwable cause) {
            super("malformed request body", cause);
        }
    }
}
