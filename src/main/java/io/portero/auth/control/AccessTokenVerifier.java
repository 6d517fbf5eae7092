package io.portero.auth.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
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
 *
 * <p>Every Bearer request of the API is verified here ({@code BearerAuthentication}), so a token
 * that passed is remembered ({@link VerifiedTokenCache}, at most
 * {@code portero.token.verified-cache.max-size} tokens, each for an access-token lifetime): the same
 * token presented again costs a map look-up and the time checks, not a parse and an RSA
 * verification.
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

    @Inject
    @ConfigProperty(name = "portero.token.access-ttl", defaultValue = "PT5M")
    Duration accessTtl;

    @Inject
    @ConfigProperty(name = "portero.token.verified-cache.max-size", defaultValue = "10000")
    long verifiedCacheSize;

    private VerifiedTokenCache verified;

    @PostConstruct
    void createCache() {
        verified = new VerifiedTokenCache(verifiedCacheSize, accessTtl.plusSeconds(skewSeconds));
    }

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
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        List<TokenSigningKey> ring = keys.verificationKeys();
        Instant now = clock.instant();
        VerifiedToken known = verified.get(token, ring);
        if (known != null) {
            return isCurrent(known.issuedAt(), known.expiresAt(), skewSeconds, now)
                    ? Optional.of(known)
                    : Optional.empty();
        }
        Optional<VerifiedToken> result = verify(token, ring, issuer, skewSeconds, now);
        result.ifPresent(claims -> verified.put(token, ring, claims));
        return result;
    }

    VerifiedTokenCache verifiedTokens() {
        return verified;
    }

    /** Not expired and not issued in the future, each within the clock skew. */
    static boolean isCurrent(Instant issuedAt, Instant expiresAt, long skewSeconds, Instant now) {
        return now.isBefore(expiresAt.plusSeconds(skewSeconds)) && !issuedAt.isAfter(now.plusSeconds(skewSeconds));
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
            if (!isCurrent(issuedAt, expiresAt, skewSeconds, now)) {
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
