package io.portero.platform.http;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The reverse proxies and load balancers whose word Portero takes about who the client is.
 *
 * <p>A request that arrives straight from the internet is from its remote address, whatever its
 * {@code X-Forwarded-For} header claims: anyone can write that header. Only when the request comes
 * from a trusted proxy is the header read, from the right (the entry the nearest proxy appended)
 * to the left, passing over the trusted proxies; the first address not among them is the client.
 * Entries further left were written by the client itself and are never believed, and an entry
 * that is not an IP address ends the walk, so the client is the last address a trusted proxy
 * vouched for.
 *
 * <p>Proxies are named as IPv4 or IPv6 addresses or CIDR ranges; nothing is looked up in DNS. An
 * IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}) counts as the IPv4 address it carries.
 * Instances are immutable and safe to share between threads.
 */
public final class TrustedProxies {

    /** How many characters at the end of an {@code X-Forwarded-For} header are read. */
    public static final int MAX_HEADER_CHARS = 4096;
    /** How many entries at the end of an {@code X-Forwarded-For} header are read. */
    public static final int MAX_HEADER_ENTRIES = 64;

    private static final TrustedProxies NONE = new TrustedProxies(List.of());
    private static final Pattern ZONE_ID = Pattern.compile("[A-Za-z0-9._-]+");

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** No trusted proxies: every client is its remote address. */
    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * Reads a list of trusted proxies such as {@code 10.0.0.0/8, 192.168.1.7, ::1/128, fd00::/8},
     * separated by commas and/or whitespace.
     *
     * @param cidrList the list, or {@code null} or blank to trust no proxy
     * @throws IllegalArgumentException naming the first entry that is not an IP address or CIDR
     *     range
     */
    public static TrustedProxies parse(String cidrList) {
        if (cidrList == null || cidrList.isBlank()) {
            return NONE;
        }
        List<Range> ranges = new ArrayList<>();
        for (String entry : cidrList.strip().split("[,\\s]+")) {
            if (!entry.isEmpty()) {
                ranges.add(Range.parse(entry));
            }
        }
        return ranges.isEmpty() ? NONE : new TrustedProxies(ranges);
    }

    /** Whether no proxy is trusted. */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /**
     * Whether the address belongs to a trusted proxy. Surrounding whitespace, IPv6 brackets and a
     * port are ignored; anything that is not an IP address is not trusted.
     */
    public boolean isTrusted(String address) {
        byte[] bytes = address == null ? null : addressBytes(stripPort(address.strip()));
        return bytes != null && isTrusted(bytes);
    }

    /**
     * The address of the client behind the proxies.
     *
     * @param remoteAddr the address the connection came from
     * @param xForwardedFor the {@code X-Forwarded-For} header, or {@code null}
     * @return {@code remoteAddr} unchanged when it is not a trusted proxy or no header was sent;
     *     otherwise the right-most header entry that is not a trusted proxy, the last trusted
     *     entry before one that is not an IP address, or the left-most entry when all are trusted,
     *     without brackets or port. Only the last {@value #MAX_HEADER_CHARS} characters and
     *     {@value #MAX_HEADER_ENTRIES} entries of the header are read.
     */
    public String clientAddress(String remoteAddr, String xForwardedFor) {
        if (!isTrusted(remoteAddr) || xForwardedFor == null || xForwardedFor.isBlank()) {
            return remoteAddr;
        }
        String[] entries = lastEntries(xForwardedFor);
        String lastGood = remoteAddr;
        for (int i = entries.length - 1; i >= 0; i--) {
            String address = stripPort(entries[i].strip());
            byte[] bytes = addressBytes(address);
            if (bytes == null) {
                return lastGood;
            }
            if (!isTrusted(bytes)) {
                return address;
            }
            lastGood = address;
        }
        return lastGood;
    }

    @Override
    public String toString() {
        return "TrustedProxies" + ranges;
    }

    private boolean isTrusted(byte[] address) {
        for (Range range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static String[] lastEntries(String header) {
        String window = header;
        if (window.length() > MAX_HEADER_CHARS) {
            window = window.substring(window.length() - MAX_HEADER_CHARS);
            int comma = window.indexOf(',');
            window = comma < 0 ? "" : window.substring(comma + 1);
        }
        String[] entries = window.split(",", -1);
        if (entries.length > MAX_HEADER_ENTRIES) {
            entries = Arrays.copyOfRange(entries, entries.length - MAX_HEADER_ENTRIES, entries.length);
        }
        return entries;
    }

    /** The address's bytes, an IPv4-mapped IPv6 address as its 4 IPv4 bytes; null if not a literal. */
    private static byte[] addressBytes(String text) {
        InetAddress address = literal(text);
        return address == null ? null : address.getAddress();
    }

    /**
     * An IPv4 or IPv6 address literal, read by Guava without any look-up, or null. An IPv6 zone id
     * ({@code fe80::1%eth0}) is checked for its form and dropped: Guava would look the interface up.
     */
    static InetAddress literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return null;
        }
        int zone = text.indexOf('%');
        if (zone >= 0) {
            if (text.indexOf(':') < 0
                    || !ZONE_ID.matcher(text.substring(zone + 1)).matches()) {
                return null;
            }
            text = text.substring(0, zone);
        }
        return InetAddresses.isInetAddress(text) ? InetAddresses.forString(text) : null;
    }

    /** {@code [2001:db8::1]:443} to {@code 2001:db8::1}, {@code 1.2.3.4:5678} to {@code 1.2.3.4}. */
    static String stripPort(String address) {
        if (address.startsWith("[")) {
            int close = address.indexOf(']');
            if (close < 0) {
                return address;
            }
            String after = address.substring(close + 1);
            if (after.isEmpty() || (after.startsWith(":") && isPort(after.substring(1)))) {
                return address.substring(1, close);
            }
            return address;
        }
        int colon = address.indexOf(':');
        if (colon >= 0 && address.indexOf(':', colon + 1) < 0 && isPort(address.substring(colon + 1))) {
            return address.substring(0, colon);
        }
        return address;
    }

    private static boolean isPort(String text) {
        return !text.isEmpty() && text.length() <= 5 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** A CIDR range; IPv4 ranges (including IPv4-mapped IPv6 ones) are held as 4 bytes. */
    private static final class Range {
        private final String text;
        private final byte[] network;
        private final int prefix;

        private Range(String text, byte[] network, int prefix) {
            this.text = text;
            this.network = network;
            this.prefix = prefix;
        }

        static Range parse(String entry) {
            int slash = entry.indexOf('/');
            String literal = slash < 0 ? entry : entry.substring(0, slash);
            InetAddress address = literal(literal);
            if (address == null) {
                throw new IllegalArgumentException("not an IP address or CIDR range: '" + entry + "'");
            }
            // Guava answers an IPv4-mapped IPv6 literal (::ffff:10.0.0.0) with the IPv4 address.
            boolean mapped = address instanceof Inet4Address && literal.indexOf(':') >= 0;
            int bits = mapped ? 128 : address.getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                String prefixText = entry.substring(slash + 1);
                if (prefixText.isEmpty()
                        || prefixText.length() > 3
                        || !prefixText.chars().allMatch(c -> c >= '0' && c <= '9')
                        || Integer.parseInt(prefixText) > bits) {
                    throw new IllegalArgumentException(
                            "invalid CIDR prefix length in '" + entry + "' (expected 0 to " + bits + ")");
                }
                prefix = Integer.parseInt(prefixText);
            }
            byte[] network = address.getAddress();
            if (mapped && prefix >= 96) {
                prefix -= 96;
            } else if (mapped) {
                network = mappedIpv6(network);
            }
            return new Range(entry, mask(network, prefix), prefix);
        }

        /** The 16 bytes of {@code ::ffff:a.b.c.d}: a mapped range shorter than /96 stays an IPv6 range. */
        private static byte[] mappedIpv6(byte[] ipv4) {
            byte[] bytes = new byte[16];
            bytes[10] = (byte) 0xFF;
            bytes[11] = (byte) 0xFF;
            System.arraycopy(ipv4, 0, bytes, 12, 4);
            return bytes;
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int bits = prefix % 8;
            if (bits == 0) {
                return true;
            }
            int byteMask = 0xFF << (8 - bits) & 0xFF;
            return (address[whole] & byteMask) == (network[whole] & 0xFF);
        }

        private static byte[] mask(byte[] address, int prefix) {
            byte[] masked = address.clone();
            for (int i = 0; i < masked.length; i++) {
                int bits = Math.max(0, Math.min(8, prefix - i * 8));
                masked[i] &= (byte) (0xFF << (8 - bits));
            }
            return masked;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
