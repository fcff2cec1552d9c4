-- A retry with an idempotency key already used answers with the first outcome and changes
-- nothing: its row says so (REPLAY) instead of counting as a second success.
ALTER TABLE audit_events DROP CONSTRAINT audit_events_outcome_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_outcome_check
    CHECK (outcome IN ('SUCCESS', 'FAILURE', 'REPLAY'));
