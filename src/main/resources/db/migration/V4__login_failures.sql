-- Portero schema, version 4: failed logins and failed password changes, for login throttling.
-- Portable SQL: the same script runs on PostgreSQL and on the embedded H2 (PostgreSQL mode).
--
-- One row per failure, never updated: concurrent failures on any node are plain inserts, so none
-- is lost, and the counts are exact sliding windows (COUNT over an index range). A successful login
-- deletes its (subject, ip_address) rows; rows older than the longest window are pruned in batches.
CREATE TABLE login_failure (
    id            UUID         NOT NULL PRIMARY KEY,
    -- 'user:' + the username key (lower-cased, as tried, even for unknown users), or
    -- 'session:' + the session id for a wrong current password in change-password
    subject       VARCHAR(200) NOT NULL,
    -- the client address ('' for change-password, which is counted per session only)
    ip_address    VARCHAR(45)  NOT NULL,
    failed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    -- a password was checked and wrong: counts towards the per-IP ceiling. Attempts refused while
    -- locked (no password checked) lengthen the subject's lock but not the address's count.
    counts_for_ip BOOLEAN      NOT NULL
);

CREATE INDEX login_failure_subject ON login_failure (subject, ip_address, failed_at);
CREATE INDEX login_failure_ip ON login_failure (ip_address, failed_at);
CREATE INDEX login_failure_failed_at ON login_failure (failed_at);
