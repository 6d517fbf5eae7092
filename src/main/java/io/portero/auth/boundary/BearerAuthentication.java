package io.portero.auth.boundary;

import io.portero.auth.control.AccessTokenVerifier;
import io.portero.auth.control.AccessTokenVerifier.VerifiedToken;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;

/**
 * Authenticates the API's requests that carry {@code Authorization: Bearer <access token>}: the
 * token is verified by {@link AccessTokenVerifier} (signature by a key of the ring, issuer,
 * {@code exp} and {@code iat} within the clock skew, {@code sub} and a {@code sid}) and the request
 * goes on as its caller, an {@link AccessTokenPrincipal} in the roles its {@code groups} name. A
 * Bearer header with anything else is refused 401 {@code invalid_token} before the API sees it.
 * A request without a Bearer header (none, or another scheme such as the introspection clients'
 * Basic) goes on anonymous; the roles each resource method needs are checked by {@link RoleCheck}.
 *
 * <p>Decision 0020: this replaces the server's MicroProfile JWT mechanism, which parsed the key set
 * and verified the signature again on every request.
 *
 * <p>Mapped to {@code /api/*} in {@code web.xml}, where the order of the filters is set.
 */
public class BearerAuthentication extends HttpFilter {

    private static final String SCHEME = "Bearer ";

    @Inject
    AccessTokenVerifier verifier;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            chain.doFilter(request, response);
            return;
        }
        String token = header.substring(SCHEME.length()).strip();
        Optional<VerifiedToken> verified = verifier.verify(token);
        if (verified.isEmpty()) {
            response.sendError(401);
            return;
        }
        chain.doFilter(new AuthenticatedRequest(request, new AccessTokenPrincipal(verified.get(), token)), response);
    }

    /** The request as its verified caller makes it. */
    static final class AuthenticatedRequest extends HttpServletRequestWrapper {

        private final AccessTokenPrincipal caller;

        AuthenticatedRequest(HttpServletRequest request, AccessTokenPrincipal caller) {
            super(request);
            this.caller = caller;
        }

        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public String getRemoteUser() {
            return caller.getName();
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.token().groups().contains(role);
        }

        @Override
        public String getAuthType() {
            return "Bearer";
        }
    }
}
