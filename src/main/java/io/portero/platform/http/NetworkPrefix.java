package io.portero.platform.http;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The network a client address belongs to, for telling the networks a user usually comes from
 * from new ones: the /24 of an IPv4 address, the /48 of an IPv6 address (the block a site is
 * usually given). An IPv4-mapped IPv6 address ({@code ::ffff:198.51.100.7}) counts as the IPv4
 * address it carries, and an IPv6 zone id is ignored. The prefix is written in one canonical form
 * ({@code 198.51.100.0/24}, {@code 2001:db8:1::/48}), so two spellings of addresses in one network
 * give equal prefixes.
 */
public final class NetworkPrefix {

    /** The prefix length of an IPv4 network. */
    public static final int IPV4_BITS = 24;
    /** The prefix length of an IPv6 network. */
    public static final int IPV6_BITS = 48;

    private NetworkPrefix() {}

    /**
     * The network of an address, e.g. {@code 198.51.100.0/24} for {@code 198.51.100.7}.
     *
     * @return empty for {@code null} and for anything that is not an IP address literal
     */
    public static Optional<String> of(String address) {
        InetAddress parsed = address == null ? null : TrustedProxies.literal(address.strip());
        if (parsed == null) {
            return Optional.empty();
        }
        byte[] bytes = parsed.getAddress();
        int bits = bytes.length == 4 ? IPV4_BITS : IPV6_BITS;
        byte[] network = Arrays.copyOf(bytes, bytes.length);
        for (int i = bits / 8; i < network.length; i++) {
            network[i] = 0;
        }
        try {
            return Optional.of(InetAddresses.toAddrString(InetAddress.getByAddress(network)) + "/" + bits);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
        }
    }

    /** Whether two addresses are in the same network; never for an address that is not an IP literal. */
    public static boolean sameNetwork(String address, String other) {
        Optional<String> network = of(address);
        return network.isPresent() && network.equals(of(other));
    }
}
