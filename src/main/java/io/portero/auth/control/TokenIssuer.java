package io.portero.auth.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.portero.accounts.entity.Account;
import io.portero.accounts.entity.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs access tokens: short-lived RS256 JWTs that MicroProfile JWT verifies on every request.
 * Besides the standard claims ({@code iss}, {@code sub}, {@code upn}, {@code groups}, {@code iat},
 * {@code exp}, {@code jti}) each carries {@code sid}, the session it belongs to, so a request can
 * be refused the moment its session ends. nimbus-jose-jwt builds and signs them, the library
 * Payara's MicroProfile JWT verifies them with.
 */
@ApplicationScoped
public class TokenIssuer {

    @Inject
    KeyRing keys;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "portero")
    String issuer;

    @Inject
    @ConfigProperty(name = "portero.token.access-ttl", defaultValue = "PT5M")
    Duration accessTtl;

    /** A signed access token and how long it lasts. */
    public record AccessToken(String token, long expiresInSeconds) {}

    public AccessToken issue(Account account, UUID sessionId) {
        Instant now = clock.instant();
        Instant expiry = now.plus(accessTtl);
        TokenSigningKey key = keys.signingKey();
        JWSHeader header = new JWSHeader.Builder(TokenSigningKey.ALGORITHM)
                .type(JOSEObjectType.JWT)
                .keyID(key.kid())
                .build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(account.id().toString())
                .claim("upn", account.username())
                .claim("preferred_username", account.username())
                .claim(
                        "groups",
                        account.roles().stream().map(Role::group).sorted().toList())
                .claim("sid", sessionId.toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiry))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT token = new SignedJWT(header, claims);
        try {
            token.sign(new RSASSASigner(key.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign an access token", e);
        }
        return new AccessToken(token.serialize(), expiry.getEpochSecond() - now.getEpochSecond());
    }
}
