package io.portero.sessions.boundary;

import io.portero.accounts.entity.Account;
import io.portero.sessions.control.DeviceKeys;
import io.portero.sessions.control.KnownDeviceStore;
import io.portero.sessions.control.SessionStore;
import io.portero.sessions.entity.Device;
import io.portero.sessions.entity.DeviceSighting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The devices each account has logged in from. A device is a device label plus the network of
 * the client address ({@link DeviceKeys}). Every successful login records its device; a login
 * from a device the account has not used before, other than the account's first login on record,
 * marks its session {@code new_device}.
 */
@ApplicationScoped
public class KnownDevices {

    @Inject
    KnownDeviceStore store;

    @Inject
    SessionStore sessions;

    @Inject
    Clock clock;

    /**
     * Records the device of a login that opened {@code sessionId}, in a transaction of its own,
     * under the account's row lock (the one logins take): of concurrent logins of one account, one
     * at a time decides whether its device is new and whether it is the account's first login.
     * Answers {@code null} when the account is gone.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public DeviceSighting recordLogin(UUID accountId, UUID sessionId, String ipAddress, String deviceLabel) {
        Account account = sessions.lockAccount(accountId);
        if (account == null) {
            return null;
        }
        Instant now = clock.instant();
        boolean first = !store.hasAny(accountId);
        boolean inserted = store.see(accountId, DeviceKeys.key(deviceLabel, ipAddress), now);
        DeviceSighting.Kind kind;
        if (first) {
            kind = DeviceSighting.Kind.FIRST_LOGIN;
        } else if (inserted) {
            kind = DeviceSighting.Kind.NEW;
            store.markNewDevice(sessionId, accountId);
        } else {
            kind = DeviceSighting.Kind.KNOWN;
        }
        return new DeviceSighting(
                kind, accountId, account.username(), sessionId, ipAddress, deviceLabel, DeviceKeys.network(ipAddress));
    }

    /**
     * Whether the account has logged in before from this device (same device label, same network
     * of the address). Read-only; an unknown account has used no device.
     */
    @Transactional
    public boolean hasUsedDevice(UUID accountId, Device device) {
        return store.isKnown(accountId, DeviceKeys.key(device.label(), device.ipAddress()));
    }

    /**
     * The same for the account of a username as typed at a login (any letter case), before the
     * password is checked: answers false for a name no account has.
     */
    @Transactional
    public boolean hasUsedDevice(String username, Device device) {
        if (username == null || username.isBlank()) {
            return false;
        }
        return store.isKnownByUsernameKey(Account.keyOf(username), DeviceKeys.key(device.label(), device.ipAddress()));
    }
}
