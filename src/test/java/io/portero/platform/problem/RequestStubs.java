package io.portero.platform.problem;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Locale;

/** The two things the mappers read from a request, as Mockito stubs of the JAX-RS types. */
final class RequestStubs {

    private RequestStubs() {}

    /**
     * Headers whose {@code Accept-Language} yields its languages by preference, the way the JAX-RS
     * runtime orders them, or fails as the runtime does on a malformed header; null for none sent.
     */
    static HttpHeaders acceptLanguage(String header) {
        if (header == null) {
            return null;
        }
        HttpHeaders headers = mock(HttpHeaders.class);
        when(headers.getAcceptableLanguages())
                .thenAnswer(call -> Locale.LanguageRange.parse(header).stream()
                        .map(range -> Locale.forLanguageTag(range.getRange()))
                        .toList());
        return headers;
    }

    /** The call being answered; null for none. */
    static UriInfo requestUri(String uri) {
        if (uri == null) {
            return null;
        }
        UriInfo uriInfo = mock(UriInfo.class);
        when(uriInfo.getRequestUri()).thenReturn(URI.create(uri));
        return uriInfo;
    }
}
