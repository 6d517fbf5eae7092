package io.portero.auth.boundary;

import io.portero.auth.control.AccessTokenVerifier.VerifiedToken;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of a request that carried a valid access token: the token's claims as MicroProfile
 * JWT's {@link JsonWebToken} presents them, so that code reading the caller needs no knowledge of
 * who verified the token. Its name is the {@code upn} (the username).
 */
public record AccessTokenPrincipal(VerifiedToken token, String rawToken) implements JsonWebToken {

    private static final Set<String> CLAIM_NAMES = Set.of(
            Claims.raw_token.name(),
            Claims.iss.name(),
            Claims.sub.name(),
            Claims.upn.name(),
            Claims.preferred_username.name(),
            Claims.groups.name(),
            "sid",
            Claims.iat.name(),
            Claims.exp.name());

    @Override
    public String getName() {
        return token.username() != null ? token.username() : token.subject();
    }

    @Override
    public Set<String> getClaimNames() {
        return CLAIM_NAMES;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        Object value = switch (claimName) {
            case "raw_token" -> rawToken;
            case "iss" -> token.issuer();
            case "sub" -> token.subject();
            case "upn", "preferred_username" -> token.username();
            case "groups" -> token.groups();
            case "sid" -> token.sessionId().toString();
            case "iat" -> token.issuedAt().getEpochSecond();
            case "exp" -> token.expiresAt().getEpochSecond();
            default -> null;
        };
        return (T) value;
    }

    @Override
    public String toString() {
        return "AccessTokenPrincipal[" + getName() + ", sid=" + token.sessionId() + "]";
    }
}
