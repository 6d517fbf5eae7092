package io.portero.auth.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Verifies an access token handed over as data (token introspection) with the same checks
 * MicroProfile JWT applies to a Bearer header: an RS256 signature by a key of the {@link KeyRing}
 * (the one its {@code kid} names), the configured issuer, an {@code exp} not passed and an
 * {@code iat} not in the future, both within the clock skew. It also needs the claims a session
 * check needs: {@code sub} and a {@code sid} that is a UUID. Anything else, a refresh token
 * included, is no access token.
 */
@ApplicationScoped
public class AccessTokenVerifier {

    @Inject
    KeyRing keys;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "portero")
    String issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
    long skewSeconds;

    /** What a verified access token says. */
    public record VerifiedToken(
            String subject,
            UUID sessionId,
            Set<String> groups,
            String username,
            Instant issuedAt,
            Instant expiresAt,
            String issuer) {}

    /** The token's claims if it is a valid access token now; empty otherwise. */
    public Optional<VerifiedToken> verify(String token) {
        return verify(token, keys.verificationKeys(), issuer, skewSeconds, clock.instant());
    }

    static Optional<VerifiedToken> verify(
            String token, List<TokenSigningKey> ring, String issuer, long skewSeconds, Instant now) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!TokenSigningKey.ALGORITHM.equals(jwt.getHeader().getAlgorithm()) || !signedByRing(jwt, ring)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            Date iat = claims.getIssueTime();
            String sid = claims.getStringClaim("sid");
            if (!issuer.equals(claims.getIssuer())
                    || exp == null
                    || iat == null
                    || claims.getSubject() == null
                    || sid == null) {
                return Optional.empty();
            }
            Instant expiresAt = exp.toInstant();
            Instant issuedAt = iat.toInstant();
            if (!now.isBefore(expiresAt.plusSeconds(skewSeconds)) || issuedAt.isAfter(now.plusSeconds(skewSeconds))) {
                return Optional.empty();
            }
            List<String> groups = claims.getStringListClaim("groups");
            return Optional.of(new VerifiedToken(
                    claims.getSubject(),
                    UUID.fromString(sid),
                    groups == null
                            ? Set.of()
                            : groups.stream().filter(Objects::nonNull).collect(Collectors.toSet()),
                    claims.getStringClaim("upn"),
                    issuedAt,
                    expiresAt,
                    claims.getIssuer()));
        } catch (ParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Signed by the key its {@code kid} names, or, without a {@code kid}, by any key of the ring. */
    private static boolean signedByRing(SignedJWT jwt, List<TokenSigningKey> ring) {
        String kid = jwt.getHeader().getKeyID();
        for (TokenSigningKey key : ring) {
            if (kid != null && !kid.equals(key.kid())) {
                continue;
            }
            try {
                if (jwt.verify(new RSASSAVerifier(key.publicKey()))) {
                    return true;
                }
            } catch (JOSEException e) {
                // a key that cannot check this signature did not make it
            }
        }
        return false;
    }
}
