package io.portero.auth.control;

import io.portero.accounts.entity.Account;
import io.portero.accounts.entity.Role;
import io.portero.platform.http.JsonStrings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs access tokens: short-lived RS256 JWTs that MicroProfile JWT verifies on every request.
 * Besides the standard claims ({@code iss}, {@code sub}, {@code upn}, {@code groups}, {@code iat},
 * {@code exp}, {@code jti}) each carries {@code sid}, the session it belongs to, so a request can
 * be refused the moment its session ends.
 *
 * <p>A token is issued at every login and every refresh, so it is built directly: the header is
 * encoded once per signing key, the claims are written as JSON by hand (every string escaped), and
 * the JDK's {@code SHA256withRSA} signs with {@link Signature} objects initialised once per key and
 * reused. Building each token with nimbus-jose-jwt cost a signer, a {@link Signature} lookup and
 * initialisation, a JSON serialiser and a constant-time Base64 codec per token, about a fifth of a
 * refresh's server CPU (issue 8). Tests parse and verify the result with nimbus, the library
 * Payara's MicroProfile JWT verifies with.
 */
@ApplicationScoped
public class TokenIssuer {

    private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

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

    /** The key last signed with, its encoded header, and idle signatures initialised with it. */
    private record Signing(TokenSigningKey key, String encodedHeader, ConcurrentLinkedQueue<Signature> idle) {}

    private volatile Signing signing;

    /** A signed access token and how long it lasts. */
    public record AccessToken(String token, long expiresInSeconds) {}

    public AccessToken issue(Account account, UUID sessionId) {
        return issue(account.id(), account.username(), account.roles(), sessionId);
    }

    public AccessToken issue(UUID accountId, String username, Set<Role> roles, UUID sessionId) {
        Instant now = clock.instant();
        Instant expiry = now.plus(accessTtl);
        Signing current = signing(keys.signingKey());
        StringBuilder claims = new StringBuilder(384).append('{');
        JsonStrings.field(claims, "iss", issuer).append(',');
        JsonStrings.field(claims, "sub", accountId.toString()).append(',');
        JsonStrings.field(claims, "upn", username).append(',');
        JsonStrings.field(claims, "preferred_username", username).append(",\"groups\":[");
        Iterator<String> groups = roles.stream().map(Role::group).sorted().iterator();
        while (groups.hasNext()) {
            JsonStrings.append(claims, groups.next());
            if (groups.hasNext()) {
                claims.append(',');
            }
        }
        claims.append("],");
        JsonStrings.field(claims, "sid", sessionId.toString()).append(',');
        claims.append("\"iat\":").append(now.getEpochSecond()).append(',');
        claims.append("\"exp\":").append(expiry.getEpochSecond()).append(',');
        JsonStrings.field(claims, "jti", UUID.randomUUID().toString()).append('}');
        String signingInput = current.encodedHeader()
                + '.'
                + BASE64URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        byte[] signature = sign(current, signingInput.getBytes(StandardCharsets.US_ASCII));
        return new AccessToken(
                signingInput + '.' + BASE64URL.encodeToString(signature),
                expiry.getEpochSecond() - now.getEpochSecond());
    }

    private Signing signing(TokenSigningKey key) {
        Signing current = signing;
        if (current == null || current.key() != key) {
            String header = "{\"kid\":" + quoted(key.kid()) + ",\"typ\":\"JWT\",\"alg\":\""
                    + TokenSigningKey.ALGORITHM.getName() + "\"}";
            current = new Signing(
                    key,
                    BASE64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)),
                    new ConcurrentLinkedQueue<>());
            signing = current;
        }
        return current;
    }

    private static byte[] sign(Signing signing, byte[] input) {
        try {
            Signature signature = signing.idle().poll();
            if (signature == null) {
                signature = Signature.getInstance(SIGNATURE_ALGORITHM);
                signature.initSign(signing.key().privateKey());
            }
            signature.update(input);
            byte[] signed = signature.sign();
            signing.idle().offer(signature);
            return signed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign an access token", e);
        }
    }

    private static String quoted(String value) {
        return JsonStrings.append(new StringBuilder(), value).toString();
    }
}
