package io.portero.sessions.boundary;

import io.portero.platform.http.NetworkPrefix;
import io.portero.sessions.control.SessionStore;
import io.portero.sessions.entity.Device;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Whether an account has used a device before: the same device label and the same network (the /24
 * of an IPv4 address, the /48 of an IPv6 one, see {@link NetworkPrefix}) as one of its sessions
 * started within the last {@link #LOOKBACK} (90 days, as long as ended sessions are normally kept).
 * A login from such a device hashes its password in the priority lane, ahead of a flood of
 * strangers' logins.
 *
 * <p>Answered from the session history for now: the addresses of the account's recent sessions
 * with that label, at most {@link #MAX_ADDRESSES} of the most recently used, read in one short
 * transaction of its own (never around a hash). This class is the one place to change when a
 * record of known devices takes over.
 */
@ApplicationScoped
public class RecognisedDevices {

    /** How far back a session makes its device known. */
    public static final Duration LOOKBACK = Duration.ofDays(90);

    /** How many of the most recently used addresses of a device are compared. */
    static final int MAX_ADDRESSES = 50;

    @Inject
    SessionStore store;

    @Inject
    Clock clock;

    /** Whether the account has had a session from this device label and network within the lookback. */
    @Transactional
    public boolean recognises(UUID accountId, Device device) {
        Optional<String> network = NetworkPrefix.of(device.ipAddress());
        if (network.isEmpty() || device.label() == null) {
            return false;
        }
        return store
                .addressesOfDevice(accountId, device.label(), clock.instant().minus(LOOKBACK), MAX_ADDRESSES)
                .stream()
                .map(NetworkPrefix::of)
                .anyMatch(network::equals);
    }
}
