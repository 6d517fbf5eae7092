package io.portero.auth.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Writes the refresh cookie decided by {@link RefreshCookies} onto the answer, problem answers
 * included: a refresh through the cookie that ends in 401 clears it. Bound to the
 * {@link RefreshCookieRoute} resources only.
 */
@Provider
@ApplicationScoped
@RefreshCookieRoute
public class RefreshCookieWriter implements ContainerResponseFilter {

    @Inject
    RefreshCookies cookies;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        for (String line : cookies.setCookieLines(response.getStatus())) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, line);
        }
    }
}
