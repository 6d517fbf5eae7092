-- The embedded H2 has no LISTEN/NOTIFY: sessions are checked against the database on every request
-- there (portero.sessions.check=database, decision 0017). This keeps the schema versions aligned
-- with PostgreSQL's V7, which adds the notifying triggers.
COMMENT ON TABLE user_session IS 'Sessions of accounts; see decision 0017 for how nodes learn of their ends';
