-- Audit rows may leave only through the retention job's controlled path: in its transaction it
-- sets lendx.audit_retention_cutoff, and only rows older than that cutoff may be deleted. Any
-- other DELETE, every UPDATE and TRUNCATE are still refused.
CREATE OR REPLACE FUNCTION audit_events_are_append_only() RETURNS trigger AS $$
DECLARE
    cutoff TEXT := current_setting('lendx.audit_retention_cutoff', true);
BEGIN
    IF TG_OP = 'DELETE' AND cutoff IS NOT NULL AND cutoff <> ''
            AND OLD.occurred_at < cutoff::timestamptz THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
