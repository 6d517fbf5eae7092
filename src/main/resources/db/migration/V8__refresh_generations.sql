-- Refresh tokens name their session and generation and carry a MAC under a key kept here
-- (decision 0026). A rotation only counts the generation up: one update of a column no index
-- covers (a HOT update in PostgreSQL), no new row anywhere. A token of an older generation is
-- recognised by its MAC and is reuse.
ALTER TABLE user_session ADD COLUMN refresh_generation BIGINT DEFAULT 0 NOT NULL;

-- Sessions opened before this version keep their opaque token (its hash here, the hashes it
-- replaced in retired_refresh_token) until its next refresh, which moves them to generations.
ALTER TABLE user_session ALTER COLUMN refresh_token_hash DROP NOT NULL;

-- The MAC key of refresh tokens, created by the first node that needs it; every node reads it.
CREATE TABLE refresh_token_key (
    id         INTEGER     NOT NULL PRIMARY KEY,
    secret     VARCHAR(64) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
