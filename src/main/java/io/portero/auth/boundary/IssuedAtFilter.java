package io.portero.auth.boundary;

import io.portero.sessions.entity.InvalidTokenException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * An access token issued in the future is refused (401 {@code invalid_token}) before its session is
 * looked at: MicroProfile JWT checks the signature and {@code exp}, not {@code iat}, so a token
 * stamped an hour ahead would otherwise live an hour longer than its TTL. The allowed clock skew is
 * the one MicroProfile JWT applies to {@code exp}.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION + 50)
public class IssuedAtFilter implements ContainerRequestFilter {

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
    long skewSeconds;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken token
                && issuedInTheFuture(token.getIssuedAtTime(), clock.instant().getEpochSecond(), skewSeconds)) {
            throw new InvalidTokenException();
        }
    }

    static boolean issuedInTheFuture(long issuedAt, long now, long skewSeconds) {
        return issuedAt > now + skewSeconds;
    }
}
