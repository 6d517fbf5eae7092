package io.portero.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkPrefixTest {

    @ParameterizedTest
    @CsvSource({
        "198.51.100.7, 198.51.100.0/24",
        "198.51.100.255, 198.51.100.0/24",
        "0.0.0.0, 0.0.0.0/24",
        "::ffff:198.51.100.7, 198.51.100.0/24",
        "2001:db8:1:2:3:4:5:6, 2001:db8:1::/48",
        "2001:DB8:1:ffff::1, 2001:db8:1::/48",
        "2001:0db8:0001:0000:0000:0000:0000:0001, 2001:db8:1::/48",
        "fe80::1%eth0, fe80::/48",
        "::1, ::/48",
        "' 203.0.113.9 ', 203.0.113.0/24"
    })
    void anAddressBelongsToItsSlash24OrSlash48(String address, String network) {
        assertEquals(Optional.of(network), NetworkPrefix.of(address));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"unknown", "198.51.100", "198.51.100.7:443", "[2001:db8::1]", "2001:db8::g", "1.2.3.4.5"})
    void anythingButAnAddressLiteralHasNoNetwork(String address) {
        assertEquals(Optional.empty(), NetworkPrefix.of(address));
    }

    @ParameterizedTest
    @CsvSource({
        "198.51.100.7, 198.51.100.200",
        "198.51.100.7, ::ffff:198.51.100.8",
        "2001:db8:1::1, 2001:db8:1:ffff:ffff:ffff:ffff:ffff",
        "2001:db8:1::1, 2001:0DB8:0001::2"
    })
    void addressesOfOneNetworkAreTheSameNetwork(String address, String other) {
        assertTrue(NetworkPrefix.sameNetwork(address, other));
        assertTrue(NetworkPrefix.sameNetwork(other, address));
    }

    @ParameterizedTest
    @CsvSource({
        "198.51.100.7, 198.51.101.7",
        "198.51.100.7, 2001:db8:1::1",
        "2001:db8:1::1, 2001:db8:2::1",
        "unknown, unknown",
        "198.51.100.7, unknown"
    })
    void addressesOfDifferentNetworksOrNoAddressAreNot(String address, String other) {
        assertFalse(NetworkPrefix.sameNetwork(address, other));
    }
}
