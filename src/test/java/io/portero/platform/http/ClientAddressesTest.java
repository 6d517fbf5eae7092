package io.portero.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAddressesTest {

    private static ClientAddresses trusting(String proxies) {
        ClientAddresses addresses = new ClientAddresses();
        addresses.trustedProxies = Optional.ofNullable(proxies);
        addresses.init();
        return addresses;
    }

    private static HttpServletRequest request(
            String scheme, String remote, String host, List<String> forwardedFor, List<String> forwardedProto) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getScheme()).thenReturn(scheme);
        when(request.isSecure()).thenReturn("https".equals(scheme));
        when(request.getRemoteAddr()).thenReturn(remote);
        when(request.getServerName()).thenReturn(host);
        when(request.getHeaders("X-Forwarded-For")).thenReturn(Collections.enumeration(forwardedFor));
        when(request.getHeaders("X-Forwarded-Proto")).thenReturn(Collections.enumeration(forwardedProto));
        return request;
    }

    @Test
    void aBrowserOnTheSameMachineOverPlainHttpIsPlainLoopback() {
        ClientAddresses addresses = trusting(null);
        assertTrue(addresses.isPlainHttpOnLoopback(request("http", "127.0.0.1", "localhost", List.of(), List.of())));
        assertTrue(addresses.isPlainHttpOnLoopback(request("http", "::1", "[::1]", List.of(), List.of())));
        assertTrue(addresses.isPlainHttpOnLoopback(request("http", "127.0.0.1", "127.0.0.1", List.of(), List.of())));
    }

    @Test
    void httpsOrARemoteClientOrAPublicHostNameIsNot() {
        ClientAddresses addresses = trusting(null);
        assertFalse(addresses.isPlainHttpOnLoopback(request("https", "127.0.0.1", "localhost", List.of(), List.of())));
        assertFalse(addresses.isPlainHttpOnLoopback(request("http", "192.0.2.7", "localhost", List.of(), List.of())));
        assertFalse(
                addresses.isPlainHttpOnLoopback(request("http", "127.0.0.1", "app.example.com", List.of(), List.of())));
    }

    @Test
    void forwardedProtoCountsOnlyFromATrustedProxy() {
        HttpServletRequest viaProxy = request("http", "127.0.0.1", "localhost", List.of(), List.of("https"));
        assertFalse(trusting("127.0.0.1/32").isPlainHttpOnLoopback(viaProxy), "the trusted proxy says https");
        HttpServletRequest spoofed = request("http", "127.0.0.1", "localhost", List.of(), List.of("https"));
        assertTrue(trusting(null).isPlainHttpOnLoopback(spoofed), "an untrusted header is ignored");
        HttpServletRequest chain = request("http", "127.0.0.1", "localhost", List.of(), List.of("http", " https"));
        assertFalse(trusting("127.0.0.1/32").isPlainHttpOnLoopback(chain), "one https hop is enough for Secure");
    }

    @Test
    void theClientBehindATrustedProxyDecidesWhetherItIsLoopback() {
        HttpServletRequest remote = request("http", "127.0.0.1", "localhost", List.of("203.0.113.5"), List.of("http"));
        assertFalse(trusting("127.0.0.1/32").isPlainHttpOnLoopback(remote));
        HttpServletRequest local = request("http", "127.0.0.1", "localhost", List.of("127.0.0.1"), List.of("http"));
        assertTrue(trusting("127.0.0.1/32").isPlainHttpOnLoopback(local));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "app.localhost", "127.0.0.1", "127.8.9.10", "[::1]", "::1"})
    void loopbackHostNames(String host) {
        assertTrue(ClientAddresses.isLoopbackHost(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost.example.com", "example.com", "10.0.0.1", "[::2]", "0.0.0.0", "localhostx"})
    void otherHostNames(String host) {
        assertFalse(ClientAddresses.isLoopbackHost(host), host);
    }

    @Test
    void theForwardedClientIsStillFoundAsBefore() {
        HttpServletRequest request = request("http", "127.0.0.1", "localhost", List.of("198.51.100.1"), List.of());
        assertEquals("198.51.100.1", trusting("127.0.0.1/32").of(request));
        assertEquals("127.0.0.1", trusting(null).of(request("http", "127.0.0.1", "x", List.of("1.2.3.4"), List.of())));
    }
}
