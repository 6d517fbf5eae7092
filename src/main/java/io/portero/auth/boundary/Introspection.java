package io.portero.auth.boundary;

import io.portero.auth.control.AccessTokenVerifier;
import io.portero.auth.control.AccessTokenVerifier.VerifiedToken;
import io.portero.platform.problem.DomainException;
import io.portero.sessions.boundary.Sessions;
import io.portero.sessions.entity.TokenClaims;
import io.portero.sessions.entity.UserSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Token introspection (RFC 7662): a token is active when it is a valid access token (signature,
 * issuer, expiry, as MicroProfile JWT checks a Bearer header) and its session admits it by the very
 * rules every request passes: live, bound to its account, no role the account lost. The check is
 * passive: asking about a token is not its user's activity, so it never keeps a session alive.
 */
@ApplicationScoped
public class Introspection {

    @Inject
    AccessTokenVerifier verifier;

    @Inject
    Sessions sessions;

    public IntrospectionResponse introspect(String token) {
        Optional<VerifiedToken> verified = verifier.verify(token);
        if (verified.isEmpty()) {
            return IntrospectionResponse.inactive();
        }
        VerifiedToken claims = verified.get();
        UserSession session;
        try {
            session = sessions.admit(new TokenClaims(claims.sessionId(), claims.subject(), claims.groups()), true);
        } catch (DomainException refused) {
            return IntrospectionResponse.inactive();
        }
        return new IntrospectionResponse(
                true,
                claims.subject(),
                session.account().username(),
                session.id(),
                claims.groups().stream().sorted().toList(),
                claims.expiresAt().getEpochSecond(),
                claims.issuedAt().getEpochSecond(),
                claims.issuer(),
                "Bearer");
    }
}
