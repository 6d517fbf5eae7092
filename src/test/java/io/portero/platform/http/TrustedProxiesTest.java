package io.portero.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {

    private static final TrustedProxies PROXIES = TrustedProxies.parse("10.0.0.0/8, 192.168.1.7, ::1/128, fd00::/8");

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", " , ,\t"})
    void nullOrBlankListTrustsNobody(String list) {
        TrustedProxies none = TrustedProxies.parse(list);

        assertTrue(none.isEmpty());
        assertSame(TrustedProxies.none(), none);
        assertFalse(none.isTrusted("10.0.0.1"));
        assertFalse(none.isTrusted("127.0.0.1"));
    }

    @Test
    void withoutTrustedProxiesForwardedForIsIgnored() {
        TrustedProxies none = TrustedProxies.none();

        assertEquals("203.0.113.9", none.clientAddress("203.0.113.9", "1.1.1.1"));
        assertEquals("10.0.0.5", none.clientAddress("10.0.0.5", "8.8.8.8, 1.1.1.1"));
    }

    @Test
    void requestNotFromATrustedProxyKeepsItsRemoteAddress() {
        assertEquals("203.0.113.9", PROXIES.clientAddress("203.0.113.9", "10.0.0.1"));
        assertEquals("203.0.113.9", PROXIES.clientAddress("203.0.113.9", "198.51.100.1, 10.1.1.1"));
    }

    @Test
    void oneTrustedProxy() {
        TrustedProxies proxies = TrustedProxies.parse("10.0.0.2");

        assertEquals("198.51.100.7", proxies.clientAddress("10.0.0.2", "198.51.100.7"));
        assertEquals("198.51.100.7", proxies.clientAddress("10.0.0.2", " 198.51.100.7 "));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void trustedProxyWithoutHeaderIsTheClient(String header) {
        assertEquals("10.0.0.2", PROXIES.clientAddress("10.0.0.2", header));
    }

    @Test
    void chainOfTrustedProxiesIsWalkedFromTheRight() {
        assertEquals(
                "198.51.100.7", PROXIES.clientAddress("10.0.0.3", "198.51.100.7, 10.0.0.1, 192.168.1.7, 10.200.0.9"));
    }

    @Test
    void spoofedLeftMostEntriesAreIgnored() {
        String header = "127.0.0.1, 1.2.3.4, 198.51.100.7, 10.0.0.1";

        assertEquals("198.51.100.7", PROXIES.clientAddress("10.0.0.3", header));
    }

    @Test
    void spoofedTrustedLookingEntryLeftOfTheClientIsIgnored() {
        assertEquals("198.51.100.7", PROXIES.clientAddress("10.0.0.3", "10.9.9.9, 198.51.100.7"));
    }

    @Test
    void allEntriesTrustedGivesTheLeftMost() {
        assertEquals("10.0.0.1", PROXIES.clientAddress("10.0.0.3", "10.0.0.1, 192.168.1.7, 10.0.0.2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown", "garbage", "evil.example.com", "1.2.3", "", "1.2.3.4.5", "01.2.3.4"})
    void garbageEntryStopsTheWalkAtTheLastGoodAddress(String garbage) {
        assertEquals("10.0.0.1", PROXIES.clientAddress("10.0.0.3", "198.51.100.7, " + garbage + ", 10.0.0.1"));
    }

    @Test
    void garbageRightMostEntryGivesTheRemoteAddress() {
        assertEquals("10.0.0.3", PROXIES.clientAddress("10.0.0.3", "198.51.100.7, unknown"));
        assertEquals("10.0.0.3", PROXIES.clientAddress("10.0.0.3", "198.51.100.7,"));
    }

    @Test
    void hostNamesAreNeverResolved() {
        assertFalse(PROXIES.isTrusted("localhost"));
        assertEquals("10.0.0.3", PROXIES.clientAddress("10.0.0.3", "localhost"));
    }

    @Test
    void portsAndBracketsAreStripped() {
        assertEquals("2001:db8::1", PROXIES.clientAddress("10.0.0.3", "[2001:db8::1]:443"));
        assertEquals("2001:db8::1", PROXIES.clientAddress("10.0.0.3", "[2001:db8::1]"));
        assertEquals("1.2.3.4", PROXIES.clientAddress("10.0.0.3", "1.2.3.4:5678"));
        assertEquals("1.2.3.4", PROXIES.clientAddress("10.0.0.3", "1.2.3.4, 10.0.0.1:80, [::1]:8443"));
    }

    @Test
    void ipv6ProxiesAndClients() {
        assertTrue(PROXIES.isTrusted("::1"));
        assertTrue(PROXIES.isTrusted("0:0:0:0:0:0:0:1"));
        assertTrue(PROXIES.isTrusted("[::1]"));
        assertTrue(PROXIES.isTrusted("fd12:3456::1"));
        assertFalse(PROXIES.isTrusted("fe80::1"));
        assertFalse(PROXIES.isTrusted("::2"));

        assertEquals(
                "2001:db8:85a3::8a2e:370:7334",
                PROXIES.clientAddress("0:0:0:0:0:0:0:1", "2001:db8:85a3::8a2e:370:7334, fd00::10"));
    }

    @Test
    void ipv4MappedAddressesCountAsIpv4() {
        assertTrue(PROXIES.isTrusted("::ffff:10.0.0.1"));
        assertTrue(PROXIES.isTrusted("::ffff:a00:1"));
        assertTrue(PROXIES.isTrusted("0:0:0:0:0:ffff:192.168.1.7"));
        assertFalse(PROXIES.isTrusted("::ffff:192.168.1.8"));

        assertEquals("198.51.100.7", PROXIES.clientAddress("::ffff:10.0.0.1", "198.51.100.7, ::ffff:10.0.0.9"));
    }

    @Test
    void ipv4MappedRangesCountAsIpv4Ranges() {
        TrustedProxies proxies = TrustedProxies.parse("::ffff:172.16.0.0/108");

        assertTrue(proxies.isTrusted("172.20.1.1"));
        assertTrue(proxies.isTrusted("::ffff:172.31.255.255"));
        assertFalse(proxies.isTrusted("172.32.0.1"));
    }

    @Test
    void ipv4CompatibleAddressIsNotMapped() {
        TrustedProxies proxies = TrustedProxies.parse("0.0.0.1");

        assertFalse(proxies.isTrusted("::1"));
        assertFalse(proxies.isTrusted("::0.0.0.1"));
    }

    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/8, 10.255.255.255, true",
        "10.0.0.0/8, 11.0.0.0, false",
        "172.16.0.0/12, 172.31.0.1, true",
        "172.16.0.0/12, 172.32.0.1, false",
        "192.168.1.7, 192.168.1.7, true",
        "192.168.1.7, 192.168.1.8, false",
        "192.168.1.7/32, 192.168.1.7, true",
        "10.1.2.3/8, 10.9.9.9, true",
        "0.0.0.0/0, 203.0.113.1, true",
        "0.0.0.0/0, 2001:db8::1, false",
        "::/0, 2001:db8::1, true",
        "2001:db8::/33, 2001:db8:7fff::1, true",
        "2001:db8::/33, 2001:db8:8000::1, false",
        "fe80::%eth0/10, fe80::1, true",
    })
    void rangesMatchByPrefix(String cidr, String address, boolean trusted) {
        assertEquals(trusted, TrustedProxies.parse(cidr).isTrusted(address));
    }

    @Test
    void zoneIdsAreAcceptedWithoutLookingUpTheInterface() {
        TrustedProxies proxies = TrustedProxies.parse("fe80::%no-such-interface9/10");

        assertTrue(proxies.isTrusted("fe80::1%no-such-interface9"));
        assertTrue(proxies.isTrusted("[fe80::1%en0]:443"));
        assertTrue(PROXIES.isTrusted("::ffff:10.0.0.1%eth0"));
        assertFalse(proxies.isTrusted("fe80::1%eth 0"));
        assertFalse(PROXIES.isTrusted("10.0.0.1%eth0"));
        assertEquals("fe80::1%eth1", PROXIES.clientAddress("10.0.0.3", "fe80::1%eth1"));
    }

    @Test
    void mappedRangeShorterThan96BitsStaysAnIpv6Range() {
        TrustedProxies proxies = TrustedProxies.parse("::ffff:0.0.0.0/80");

        assertTrue(proxies.isTrusted("::1"));
        assertFalse(proxies.isTrusted("::ffff:10.0.0.1"));
        assertFalse(proxies.isTrusted("10.0.0.1"));
    }

    @Test
    void entriesMaySeparateByCommaOrWhitespace() {
        TrustedProxies proxies = TrustedProxies.parse(" 10.0.0.1\n10.0.0.2,10.0.0.3 \t 10.0.0.4 ,, ");

        assertTrue(proxies.isTrusted("10.0.0.1"));
        assertTrue(proxies.isTrusted("10.0.0.2"));
        assertTrue(proxies.isTrusted("10.0.0.3"));
        assertTrue(proxies.isTrusted("10.0.0.4"));
        assertFalse(proxies.isTrusted("10.0.0.5"));
        assertEquals("TrustedProxies[10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.0.4]", proxies.toString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.0/33",
                "10.0.0.0/-1",
                "10.0.0.0/",
                "10.0.0.0/8/8",
                "10.0.0.0/abc",
                "::/129",
                "fd00::/0129",
                "10.0.0.256",
                "10.0.0",
                "not-an-ip",
                "localhost",
                "10.0.0.0-10.0.0.9",
                "1:2:3:4:5:6:7:8:9",
                "1::2::3",
                "12345::",
                "::ffff:1.2.3",
                "1.2.3.4::",
                "[::1]",
                ":::",
                "::g",
                "fe80::1%",
            })
    void invalidEntryIsRejectedByName(String entry) {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.1, " + entry));

        assertTrue(error.getMessage().contains("'" + entry + "'"), error.getMessage());
    }

    @Test
    void isTrustedRejectsNullAndGarbage() {
        assertFalse(PROXIES.isTrusted(null));
        assertFalse(PROXIES.isTrusted(""));
        assertFalse(PROXIES.isTrusted("10.0.0.1.example.com"));
        assertFalse(PROXIES.isTrusted("[10.0.0.1"));
    }

    @Test
    void nullRemoteAddressIsReturnedAsIs() {
        assertNull(PROXIES.clientAddress(null, "1.2.3.4"));
    }

    @Test
    void onlyTheLast64EntriesAreConsidered() {
        StringJoiner header = new StringJoiner(", ");
        header.add("198.51.100.7");
        for (int i = 0; i < 64; i++) {
            header.add("10.0.0." + (i % 250 + 1));
        }

        assertEquals("10.0.0.1", PROXIES.clientAddress("10.0.0.3", header.toString()));
    }

    @Test
    void entryJustWithinTheLimitIsFound() {
        StringJoiner header = new StringJoiner(",");
        header.add("198.51.100.7");
        for (int i = 0; i < 63; i++) {
            header.add("10.0.0.1");
        }

        assertEquals("198.51.100.7", PROXIES.clientAddress("10.0.0.3", header.toString()));
    }

    @Test
    void hugeHeaderIsReadFromItsTrustedEnd() {
        String attackerPadding = "6.6.6.6, ".repeat(2000);
        String header = attackerPadding + "198.51.100.7, 10.0.0.1";

        String client =
                assertTimeoutPreemptively(Duration.ofSeconds(2), () -> PROXIES.clientAddress("10.0.0.3", header));

        assertEquals("198.51.100.7", client);
    }

    @Test
    void entryCutByTheLengthCapIsDropped() {
        String tail = "1.2.3.4," + " ".repeat(TrustedProxies.MAX_HEADER_CHARS - 16) + "10.0.0.2";
        String header = "2" + tail;

        assertEquals(TrustedProxies.MAX_HEADER_CHARS, tail.length());
        assertEquals("10.0.0.2", PROXIES.clientAddress("10.0.0.3", header));
        assertEquals("1.2.3.4", PROXIES.clientAddress("10.0.0.3", tail));
    }

    @Test
    void hugeHeaderWithoutCommasGivesTheRemoteAddress() {
        assertEquals("10.0.0.3", PROXIES.clientAddress("10.0.0.3", "9".repeat(100_000)));
    }
}
