-- The response cache drops what a table's change makes stale (io.lendx.cache). Every write to a
-- table the cached graph reads announces the table on the lendx_tables channel, whoever makes it:
-- a mutation, a job, psql or an indexer. NOTIFY is delivered at commit, so a rolled-back write
-- announces nothing, and PostgreSQL folds identical notices of one transaction into one.
-- Statement-level, so a bulk UPDATE costs one notice, not one per row. audit_events is read only
-- by ADMIN keys, whose answers are never stored, and gets no trigger.
CREATE FUNCTION announce_table_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('lendx_tables', TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

CREATE TRIGGER users_announce_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION announce_table_change();
CREATE TRIGGER pools_announce_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pools
    FOR EACH STATEMENT EXECUTE FUNCTION announce_table_change();
CREATE TRIGGER applications_announce_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON applications
    FOR EACH STATEMENT EXECUTE FUNCTION announce_table_change();
CREATE TRIGGER loans_announce_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON loans
    FOR EACH STATEMENT EXECUTE FUNCTION announce_table_change();
CREATE TRIGGER user_mpt_balances_announce_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_mpt_balances
    FOR EACH STATEMENT EXECUTE FUNCTION announce_table_change();
