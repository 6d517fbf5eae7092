package io.portero.platform.problem;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Request headers as the mappers see them: only the {@code Accept-Language} preference, ordered by
 * quality the way the JAX-RS runtime orders it.
 */
final class FakeHeaders implements HttpHeaders {

    private final String acceptLanguage;

    private FakeHeaders(String acceptLanguage) {
        this.acceptLanguage = acceptLanguage;
    }

    static FakeHeaders acceptLanguage(String header) {
        return new FakeHeaders(header);
    }

    @Override
    public List<Locale> getAcceptableLanguages() {
        if (acceptLanguage == null) {
            return List.of();
        }
        return Locale.LanguageRange.parse(acceptLanguage).stream()
                .map(range -> Locale.forLanguageTag(range.getRange()))
                .toList();
    }

    @Override
    public List<String> getRequestHeader(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getHeaderString(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public MultivaluedMap<String, String> getRequestHeaders() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<MediaType> getAcceptableMediaTypes() {
        throw new UnsupportedOperationException();
    }

    @Override
    public MediaType getMediaType() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Locale getLanguage() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, Cookie> getCookies() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Date getDate() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int getLength() {
        throw new UnsupportedOperationException();
    }
}
