package io.portero.alerts.control;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook request, sent in the {@value #HEADER} header as
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256>}. What is signed is the timestamp, a dot and the
 * exact bytes of the body ({@code t + "." + body}, UTF-8), keyed with the UTF-8 bytes of
 * {@code portero.alerts.webhook-secret}. A receiver recomputes it over the raw body, compares in
 * constant time, and rejects a timestamp too far from its clock (a replay); each attempt of a
 * delivery is signed anew with the time it is sent.
 */
public final class WebhookSignature {

    public static final String HEADER = "Portero-Signature";

    private WebhookSignature() {}

    /** The header's value for a body sent at {@code epochSeconds}. */
    public static String header(String secret, long epochSeconds, String body) {
        return "t=" + epochSeconds + ",v1=" + hmacSha256Hex(secret, epochSeconds + "." + body);
    }

    /** HMAC-SHA256 of the message's UTF-8 bytes under the key's UTF-8 bytes, in lower-case hex. */
    static String hmacSha256Hex(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
