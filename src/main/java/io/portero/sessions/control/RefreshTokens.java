package io.portero.sessions.control;

import io.portero.sessions.entity.RefreshToken;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The refresh-token format (decision 0026): {@code <session and generation>.<MAC>}, both parts
 * base64url without padding. The first part is the session id (16 bytes) and the generation (8
 * bytes, big-endian); the second is HMAC-SHA256 over a version label and the first part, under the
 * key of {@code refresh_token_key}. A token is current when its generation is the session's; an
 * older generation with a valid MAC is one that was rotated away. Nothing per token is stored.
 *
 * <p>Tokens issued before decision 0026 are opaque 256-bit random strings without a dot, known by
 * their SHA-256 ({@link #hash}); they keep working until their next refresh.
 */
public final class RefreshTokens {

    public static final int MAX_LENGTH = 512;

    /** Bytes of key: as long as the MAC. */
    public static final int KEY_BYTES = 32;

    private static final int BODY_BYTES = 24;
    private static final int MAC_BYTES = 32;
    private static final byte[] LABEL = "portero refresh token v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    });

    private RefreshTokens() {}

    /** A new random key for {@code refresh_token_key}. */
    public static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    /** The token of a session's generation under {@code key}. */
    public static String format(RefreshToken token, byte[] key) {
        byte[] body = ByteBuffer.allocate(BODY_BYTES)
                .putLong(token.sessionId().getMostSignificantBits())
                .putLong(token.sessionId().getLeastSignificantBits())
                .putLong(token.generation())
                .array();
        return ENCODER.encodeToString(body) + '.' + ENCODER.encodeToString(mac(body, key));
    }

    /**
     * The session and generation a token names, if it has this format and its MAC is right under
     * {@code key}; empty for anything else (a pre-0026 token, a forged or damaged one).
     */
    public static Optional<RefreshToken> read(String token, byte[] key) {
        int dot = token.indexOf('.');
        if (dot < 0 || token.indexOf('.', dot + 1) >= 0) {
            return Optional.empty();
        }
        byte[] body;
        byte[] mac;
        try {
            body = DECODER.decode(token.substring(0, dot));
            mac = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException notBase64Url) {
            return Optional.empty();
        }
        if (body.length != BODY_BYTES || mac.length != MAC_BYTES || !MessageDigest.isEqual(mac, mac(body, key))) {
            return Optional.empty();
        }
        ByteBuffer fields = ByteBuffer.wrap(body);
        UUID sessionId = new UUID(fields.getLong(), fields.getLong());
        long generation = fields.getLong();
        return generation < 0 ? Optional.empty() : Optional.of(new RefreshToken(sessionId, generation));
    }

    /** Whether a token has the shape of those issued before decision 0026 (no dot): looked up by {@link #hash}. */
    public static boolean isOpaque(String token) {
        return token.indexOf('.') < 0;
    }

    /** SHA-256 (hex) of an opaque pre-0026 token, as {@code refresh_token_hash} and {@code retired_refresh_token} keep it. */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static byte[] mac(byte[] body, byte[] key) {
        Mac mac = MACS.get();
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Unusable refresh-token key: " + e.getMessage(), e);
        }
        mac.update(LABEL);
        return mac.doFinal(body);
    }
}
