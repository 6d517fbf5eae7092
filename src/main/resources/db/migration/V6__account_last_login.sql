-- Portero schema, version 6: when an account last logged in. Portable SQL (PostgreSQL and H2 in
-- PostgreSQL mode). Set by every login that opens a session, and by a user import from Django
-- (its last_login); null for an account that never logged in. Independent of version 5.
ALTER TABLE account ADD COLUMN last_login_at TIMESTAMP WITH TIME ZONE;
