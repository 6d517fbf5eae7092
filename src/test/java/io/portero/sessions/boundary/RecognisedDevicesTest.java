package io.portero.sessions.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portero.sessions.control.SessionStore;
import io.portero.sessions.entity.Device;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecognisedDevicesTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final UUID ACCOUNT = UUID.randomUUID();
    private static final String FIREFOX = "Firefox on Linux";

    /** A session history: the addresses the account's sessions with one label started from. */
    private static final class History extends SessionStore {
        final List<String> addresses = new ArrayList<>();
        final List<Object[]> asked = new ArrayList<>();

        @Override
        public List<String> addressesOfDevice(UUID accountId, String deviceLabel, Instant since, int limit) {
            asked.add(new Object[] {accountId, deviceLabel, since, limit});
            return addresses;
        }
    }

    private final History history = new History();

    private RecognisedDevices devices() {
        RecognisedDevices devices = new RecognisedDevices();
        devices.store = history;
        devices.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return devices;
    }

    private static Device device(String label, String address) {
        return new Device("Mozilla/5.0", label, address);
    }

    @Test
    void aDeviceLabelSeenFromTheSameNetworkIsRecognised() {
        history.addresses.addAll(List.of("203.0.113.9", "198.51.100.23"));

        assertTrue(devices().recognises(ACCOUNT, device(FIREFOX, "198.51.100.57")));
        Object[] asked = history.asked.get(0);
        assertEquals(ACCOUNT, asked[0]);
        assertEquals(FIREFOX, asked[1]);
        assertEquals(NOW.minus(RecognisedDevices.LOOKBACK), asked[2], "90 days back");
        assertEquals(RecognisedDevices.MAX_ADDRESSES, asked[3]);
    }

    @Test
    void anIpv6AddressIsRecognisedWithinItsSlash48WhateverItsSpelling() {
        history.addresses.add("2001:db8:1:7::1");

        assertTrue(devices().recognises(ACCOUNT, device(FIREFOX, "2001:0DB8:0001:ffff::9")));
        assertFalse(devices().recognises(ACCOUNT, device(FIREFOX, "2001:db8:2::1")));
    }

    @Test
    void anotherNetworkIsNotRecognised() {
        history.addresses.add("198.51.100.23");

        assertFalse(devices().recognises(ACCOUNT, device(FIREFOX, "198.51.101.23")));
    }

    @Test
    void noHistoryForTheLabelIsNotRecognised() {
        assertFalse(devices().recognises(ACCOUNT, device(FIREFOX, "198.51.100.23")));
    }

    @Test
    void withoutAUsableAddressOrLabelNothingIsAskedOrRecognised() {
        history.addresses.add("198.51.100.23");

        assertFalse(devices().recognises(ACCOUNT, device(FIREFOX, "not-an-address")));
        assertFalse(devices().recognises(ACCOUNT, device(FIREFOX, null)));
        assertFalse(devices().recognises(ACCOUNT, device(null, "198.51.100.23")));
        assertTrue(history.asked.isEmpty(), "no query without an address and a label");
    }

    @Test
    void storedAddressesThatAreNotAddressesAreIgnored() {
        history.addresses.addAll(List.of("garbage", ""));

        assertFalse(devices().recognises(ACCOUNT, device(FIREFOX, "198.51.100.23")));
    }
}
