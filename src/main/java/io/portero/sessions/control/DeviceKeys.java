package io.portero.sessions.control;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two logins come from "the same device": the same device label (read from the
 * User-Agent) and the same network, {@value #IPV4_PREFIX} bits of an IPv4 address or
 * {@value #IPV6_PREFIX} of an IPv6 one (a home or office line keeps its network while its address
 * changes; a phone moving to another carrier is a new device). An IPv4-mapped IPv6 address
 * ({@code ::ffff:203.0.113.7}) is the IPv4 address it carries. An address that is no IP literal
 * has the network {@value #UNKNOWN_NETWORK}. Nothing is looked up in DNS.
 */
public final class DeviceKeys {

    public static final int IPV4_PREFIX = 24;
    public static final int IPV6_PREFIX = 48;
    /** The network of an address that is missing or not an IP literal. */
    public static final String UNKNOWN_NETWORK = "unknown";

    private DeviceKeys() {}

    /** The network of an address in CIDR notation: {@code 203.0.113.0/24}, {@code 2001:db8:1::/48}. */
    public static String network(String ipAddress) {
        InetAddress address = literal(ipAddress);
        if (address == null) {
            return UNKNOWN_NETWORK;
        }
        int prefix = address instanceof Inet4Address ? IPV4_PREFIX : IPV6_PREFIX;
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int kept = Math.max(0, Math.min(8, prefix - i * 8));
            bytes[i] &= (byte) (0xFF << (8 - kept));
        }
        try {
            return InetAddresses.toAddrString(InetAddress.getByAddress(bytes)) + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // never: the bytes are those of an address
        }
    }

    /**
     * The device's key: the SHA-256 (64 hex digits) of the label and the network. A fixed-length key
     * for the database, not a secret: the label and the network are shown with every session.
     */
    public static String key(String deviceLabel, String ipAddress) {
        String label = deviceLabel == null || deviceLabel.isBlank() ? DeviceLabels.UNKNOWN : deviceLabel.strip();
        String text = label + "\n" + network(ipAddress);
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** An IPv4 or IPv6 literal (a zone id dropped), or null. */
    private static InetAddress literal(String text) {
        if (text == null || text.isBlank() || text.length() > 64) {
            return null;
        }
        String address = text.strip();
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        // Guava reads literals without any look-up, and answers ::ffff:a.b.c.d with the IPv4 address.
        return InetAddresses.isInetAddress(address) ? InetAddresses.forString(address) : null;
    }
}
