package io.portero.platform.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;

/**
 * The OpenAPI document as {@code application/yaml} (the default) or {@code application/json} (to
 * {@code Accept: application/json} or {@code ?format=JSON}). Payara's {@code /openapi} resource
 * produces only {@code text/plain} (its YAML) and {@code application/json}, and this cannot be
 * configured: a YAML {@code Accept} is passed on as {@code text/plain}, and a {@code text/plain}
 * answer is relabelled {@code application/yaml}.
 */
@WebFilter(urlPatterns = {"/openapi", "/openapi/*"})
public class OpenApiMediaTypeFilter extends HttpFilter {

    public static final String YAML = "application/yaml";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(new YamlAccepting(request), new YamlLabelling(response));
    }

    /** {@code text/plain} (Payara's YAML) becomes {@code application/yaml}; other types pass. */
    static String relabel(String contentType) {
        if (contentType == null) {
            return null;
        }
        String lower = contentType.toLowerCase(Locale.ROOT);
        return lower.startsWith("text/plain") ? YAML + contentType.substring("text/plain".length()) : contentType;
    }

    /** An {@code Accept} header naming YAML types, with those named {@code text/plain} for Payara. */
    static String accept(String accept) {
        if (accept == null) {
            return null;
        }
        return accept.replaceAll("(?i)\\b(application/yaml|application/x-yaml|text/yaml|text/x-yaml)\\b", "text/plain");
    }

    private static final class YamlAccepting extends HttpServletRequestWrapper {

        YamlAccepting(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            String value = super.getHeader(name);
            return "accept".equalsIgnoreCase(name) ? accept(value) : value;
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (!"accept".equalsIgnoreCase(name)) {
                return super.getHeaders(name);
            }
            return Collections.enumeration(Collections.list(super.getHeaders(name)).stream()
                    .map(OpenApiMediaTypeFilter::accept)
                    .toList());
        }
    }

    private static final class YamlLabelling extends HttpServletResponseWrapper {

        YamlLabelling(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setContentType(String type) {
            super.setContentType(relabel(type));
        }

        @Override
        public void setHeader(String name, String value) {
            super.setHeader(name, "content-type".equalsIgnoreCase(name) ? relabel(value) : value);
        }

        @Override
        public void addHeader(String name, String value) {
            super.addHeader(name, "content-type".equalsIgnoreCase(name) ? relabel(value) : value);
        }
    }
}
