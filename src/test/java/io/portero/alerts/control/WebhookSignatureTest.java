package io.portero.alerts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Expected values computed with {@code openssl dgst -sha256 -hmac KEY}, not with this code. */
class WebhookSignatureTest {

    private static final String BODY = "{\"type\":\"NEW_DEVICE_LOGIN\",\"alert_id\":\"x\"}";

    @Test
    void isHmacSha256InHex() {
        assertEquals(
                "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
                WebhookSignature.hmacSha256Hex("key", "The quick brown fox jumps over the lazy dog"));
    }

    @Test
    void signsTheTimestampADotAndTheBody() {
        assertEquals(
                "t=1767225600,v1=7b624b7bb4ed17d008a32044a119d5ed620dfd61051dc30c2328eb0ed9c9da19",
                WebhookSignature.header("whsec-test-1", 1767225600L, BODY));
    }

    @Test
    void anotherTimeAnotherBodyOrAnotherSecretSignsDifferently() {
        String signed = WebhookSignature.header("whsec-test-1", 1767225600L, BODY);
        assertNotEquals(
                signed.substring(signed.indexOf(",")),
                WebhookSignature.header("whsec-test-1", 1767225601L, BODY).substring(signed.indexOf(",")));
        assertNotEquals(signed, WebhookSignature.header("whsec-test-1", 1767225600L, BODY + " "));
        assertNotEquals(signed, WebhookSignature.header("whsec-test-2", 1767225600L, BODY));
    }
}
