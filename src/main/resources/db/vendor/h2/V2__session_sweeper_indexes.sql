-- H2 has no partial indexes: plain composite ones serve the expiry timer on the embedded database.
CREATE INDEX user_session_active_last_activity ON user_session (active, last_activity_at);
CREATE INDEX user_session_active_started ON user_session (active, started_at);
