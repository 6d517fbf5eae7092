-- Every node keeps a view of live sessions in memory (portero.sessions.check=view, decision 0017).
-- These triggers tell every node, at commit, when that view must forget something, whatever code
-- path or tool changed the rows: a session stopped being active (ended, or deleted while active,
-- as when its account is deleted), or an account's roles, enabled flag or name changed. A view's
-- copy of a session is never more recently active than the row; should a tool move a session's
-- activity back or change its start (Portero never does), it is forgotten too.

CREATE FUNCTION portero_notify_session_ended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('portero_session_ended', OLD.id::text);
    RETURN NULL;
END;
$$;

CREATE TRIGGER user_session_ended_notify
    AFTER UPDATE OF active, last_activity_at, started_at ON user_session
    FOR EACH ROW WHEN ((OLD.active AND NOT NEW.active)
        OR NEW.last_activity_at < OLD.last_activity_at
        OR NEW.started_at <> OLD.started_at)
    EXECUTE FUNCTION portero_notify_session_ended();

CREATE TRIGGER user_session_deleted_notify
    AFTER DELETE ON user_session
    FOR EACH ROW WHEN (OLD.active)
    EXECUTE FUNCTION portero_notify_session_ended();

CREATE FUNCTION portero_notify_account_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('portero_account_changed', OLD.id::text);
    RETURN NULL;
END;
$$;

CREATE TRIGGER account_changed_notify
    AFTER UPDATE OF roles, enabled, username ON account
    FOR EACH ROW WHEN (OLD.roles IS DISTINCT FROM NEW.roles
        OR OLD.enabled IS DISTINCT FROM NEW.enabled
        OR OLD.username IS DISTINCT FROM NEW.username)
    EXECUTE FUNCTION portero_notify_account_changed();

CREATE TRIGGER account_deleted_notify
    AFTER DELETE ON account
    FOR EACH ROW
    EXECUTE FUNCTION portero_notify_account_changed();
