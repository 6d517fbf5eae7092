package io.portero.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class RequestBodyReadingTest {

    /** A reader context whose proceed() returns or throws what the test says. */
    private static ReaderInterceptorContext proceeding(Object result, Throwable failure) {
        return (ReaderInterceptorContext) Proxy.newProxyInstance(
                ReaderInterceptorContext.class.getClassLoader(),
                new Class<?>[] {ReaderInterceptorContext.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("proceed")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (failure != null) {
                        throw failure;
                    }
                    return result;
                });
    }

    private final RequestBodyReading interceptor = new RequestBodyReading();

    @Test
    void aReadableBodyPassesThrough() throws IOException {
        Object body = new Object();
        assertSame(body, interceptor.aroundReadFrom(proceeding(body, null)));
    }

    @Test
    void jsonThatCannotBeBoundIsTheClientsMalformedBody() {
        assertThrows(
                RequestBodyReading.MalformedBodyException.class,
                () -> interceptor.aroundReadFrom(
                        proceeding(null, new ProcessingException(new JsonbException("Unexpected char")))));
        assertThrows(
                RequestBodyReading.MalformedBodyException.class,
                () -> interceptor.aroundReadFrom(proceeding(null, new JsonbException("Unexpected char"))));
    }

    @Test
    void aBodyCutOffAtTheLimitIsPayloadTooLarge() {
        WebApplicationException direct = assertThrows(
                WebApplicationException.class,
                () -> interceptor.aroundReadFrom(proceeding(null, new BodyTooLargeException(65_536))));
        assertEquals(413, direct.getResponse().getStatus());
        WebApplicationException wrapped = assertThrows(
                WebApplicationException.class,
                () -> interceptor.aroundReadFrom(
                        proceeding(null, new ProcessingException(new BodyTooLargeException(65_536)))));
        assertEquals(413, wrapped.getResponse().getStatus());
    }

    @Test
    void otherFailuresAreNotBlamedOnTheClient() {
        IllegalStateException failure = new IllegalStateException("database down");
        assertSame(
                failure,
                assertThrows(IllegalStateException.class, () -> interceptor.aroundReadFrom(proceeding(null, failure))));
    }
}
