-- The expiry timer and the live-session count only ever look at active rows: partial indexes keep
-- them small however much history accumulates.
CREATE INDEX user_session_active_last_activity ON user_session (last_activity_at) WHERE active;
CREATE INDEX user_session_active_started ON user_session (started_at) WHERE active;
