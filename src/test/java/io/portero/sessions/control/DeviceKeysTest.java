package io.portero.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeviceKeysTest {

    @Test
    void anIpv4AddressBelongsToItsSlash24() {
        assertEquals("203.0.113.0/24", DeviceKeys.network("203.0.113.7"));
        assertEquals("203.0.113.0/24", DeviceKeys.network("203.0.113.255"));
        assertEquals("10.1.2.0/24", DeviceKeys.network(" 10.1.2.3 "));
    }

    @Test
    void anIpv6AddressBelongsToItsSlash48() {
        assertEquals("2001:db8:1234::/48", DeviceKeys.network("2001:db8:1234:5678::1"));
        assertEquals("2001:db8:1234::/48", DeviceKeys.network("2001:0DB8:1234:ffff:ffff:ffff:ffff:ffff"));
        assertEquals("2001:db8:1235::/48", DeviceKeys.network("2001:db8:1235::9"));
        assertEquals("fe80::/48", DeviceKeys.network("fe80::1%eth0"));
        assertEquals("::/48", DeviceKeys.network("::1"));
    }

    @Test
    void anIpv4MappedIpv6AddressIsTheIpv4AddressItCarries() {
        assertEquals("203.0.113.0/24", DeviceKeys.network("::ffff:203.0.113.7"));
        assertEquals("203.0.113.0/24", DeviceKeys.network("::FFFF:cb00:7107"));
        assertEquals(
                DeviceKeys.key("Firefox on Linux", "203.0.113.7"),
                DeviceKeys.key("Firefox on Linux", "::ffff:203.0.113.99"));
    }

    @Test
    void whatIsNoAddressHasTheUnknownNetwork() {
        assertEquals(DeviceKeys.UNKNOWN_NETWORK, DeviceKeys.network(null));
        assertEquals(DeviceKeys.UNKNOWN_NETWORK, DeviceKeys.network(""));
        assertEquals(DeviceKeys.UNKNOWN_NETWORK, DeviceKeys.network("localhost"));
        assertEquals(DeviceKeys.UNKNOWN_NETWORK, DeviceKeys.network("2147483648"));
        assertEquals(DeviceKeys.UNKNOWN_NETWORK, DeviceKeys.network("1.2.3.4.5"));
    }

    @Test
    void theKeyIsTheSameForTheSameLabelAndNetworkOnly() {
        String key = DeviceKeys.key("Firefox on Linux", "198.51.100.23");
        assertTrue(key.matches("[0-9a-f]{64}"), key);
        assertEquals(key, DeviceKeys.key("Firefox on Linux", "198.51.100.99"), "another host of the same /24");
        assertNotEquals(key, DeviceKeys.key("Firefox on Linux", "198.51.101.23"), "another /24");
        assertNotEquals(key, DeviceKeys.key("Chrome on Linux", "198.51.100.23"), "another browser");
        assertEquals(
                DeviceKeys.key("Safari on iOS", "2001:db8:1234:1::1"),
                DeviceKeys.key("Safari on iOS", "2001:db8:1234:ffff::2"));
        assertNotEquals(
                DeviceKeys.key("Safari on iOS", "2001:db8:1234::1"),
                DeviceKeys.key("Safari on iOS", "2001:db8:1235::1"));
        assertEquals(DeviceKeys.key(null, "10.0.0.1"), DeviceKeys.key(DeviceLabels.UNKNOWN, "10.0.0.1"));
    }

    @Test
    void theLabelAndTheNetworkCannotRunIntoEachOther() {
        assertNotEquals(DeviceKeys.key("a", "10.0.0.1"), DeviceKeys.key("a\n10.0.0.0/24", null));
    }
}
