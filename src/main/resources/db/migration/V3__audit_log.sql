-- One row per mutation attempt, successful or refused. Append-only: the triggers below refuse
-- UPDATE, DELETE and TRUNCATE, so not even the application's own role can rewrite history.
CREATE TABLE audit_events (
    event_id       VARCHAR(36)  PRIMARY KEY,
    occurred_at    TIMESTAMPTZ  NOT NULL,
    actor          VARCHAR(100),
    action         VARCHAR(50)  NOT NULL,
    target         VARCHAR(100),
    outcome        TEXT         NOT NULL CHECK (outcome IN ('SUCCESS', 'FAILURE')),
    error_code     VARCHAR(50),
    request_id     VARCHAR(100),
    client_address VARCHAR(100),
    CONSTRAINT audit_events_failure_has_code CHECK ((outcome = 'FAILURE') = (error_code IS NOT NULL))
);
CREATE INDEX audit_events_occurred_at_idx ON audit_events (occurred_at, event_id);
CREATE INDEX audit_events_actor_idx ON audit_events (actor, occurred_at);
CREATE INDEX audit_events_action_idx ON audit_events (action, occurred_at);

CREATE FUNCTION audit_events_are_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_events_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_are_append_only();

CREATE TRIGGER audit_events_no_truncate
    BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_are_append_only();
