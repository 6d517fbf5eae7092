-- Portero schema, version 5: the devices each account has logged in from, for new-device alerts.
-- Portable SQL: the same script runs on PostgreSQL and on the embedded H2 (PostgreSQL mode).
--
-- A device is the session's device label (read from the User-Agent) together with the network of
-- the client address (/24 for IPv4, /48 for IPv6); device_key is the SHA-256 (hex) of the two, a
-- fixed-length key rather than a secret. A login inserts its device with ON CONFLICT DO NOTHING:
-- the login whose insert wrote the row is the one that saw the device first.
CREATE TABLE known_device (
    account_id    UUID        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    device_key    VARCHAR(64) NOT NULL,
    first_seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT known_device_pk PRIMARY KEY (account_id, device_key)
);

-- The session started from a device its account had not used before (never its first login).
ALTER TABLE user_session ADD COLUMN new_device BOOLEAN DEFAULT FALSE NOT NULL;
