package io.portero.auth.control;

import io.portero.accounts.entity.Account;
import io.portero.accounts.entity.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs access tokens: short-lived RS256 JWTs that MicroProfile JWT verifies on every request.
 * Besides the standard claims ({@code iss}, {@code sub}, {@code upn}, {@code groups}, {@code iat},
 * {@code exp}, {@code jti}) each carries {@code sid}, the session it belongs to, so a request can
 * be refused the moment its session ends.
 */
@ApplicationScoped
public class TokenIssuer {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

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
    public record AccessToken(String token, long expiresInSeconds) {
    }

    public AccessToken issue(Account account, UUID sessionId) {
        Instant now = clock.instant();
        long iat = now.getEpochSecond();
        long exp = now.plus(accessTtl).getEpochSecond();
        SigningKeys.Key key = keys.signingKey();
        JsonArrayBuilder groups = Json.createArrayBuilder();
        account.roles().stream().map(Role::group).sorted().forEach(groups::add);
        String header = Json.createObjectBuilder()
                .add("alg", SigningKeys.ALGORITHM).add("typ", "JWT").add("kid", key.kid())
                .build().toString();
        String claims = Json.createObjectBuilder()
                .add("iss", issuer)
                .add("sub", account.id().toString())
                .add("upn", account.username())
                .add("preferred_username", account.username())
                .add("groups", groups)
                .add("sid", sessionId.toString())
                .add("iat", iat)
                .add("exp", exp)
                .add("jti", UUID.randomUUID().toString())
                .build().toString();
        String signingInput = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key.privateKey());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return new AccessToken(signingInput + "." + URL.encodeToString(signature.sign()), exp - iat);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign an access token", e);
        }
    }
}
