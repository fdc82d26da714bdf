-- Which tables the app may only append to, as rows instead of code: the migration runner calls
-- portvakt_apply_grants() after every run, which grants the app everything and then takes back
-- what this table lists. 0017 had to redefine the whole function to add its tables, and 0019's
-- REVOKEs on the break-glass tables were undone by the next call; a later migration now only
-- inserts a row here.
CREATE TABLE app_privilege_limit (
  table_name text PRIMARY KEY,
  -- The privileges the app does not get on that table.
  revoked text[] NOT NULL CHECK (revoked <@ ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']),
  reason text NOT NULL
);
INSERT INTO app_privilege_limit (table_name, revoked, reason) VALUES
  ('visit', ARRAY['DELETE', 'TRUNCATE'], 'R5.3: versions are superseded, never deleted'),
  ('compensation_run', ARRAY['UPDATE', 'DELETE', 'TRUNCATE'], 'a run is immutable once made'),
  ('compensation_line', ARRAY['UPDATE', 'DELETE', 'TRUNCATE'], 'a run is immutable once made'),
  ('visit_exception_resolution', ARRAY['UPDATE', 'DELETE', 'TRUNCATE'], 'a confirmation is on record'),
  ('phone_visit_event', ARRAY['UPDATE', 'DELETE', 'TRUNCATE'], 'a phone''s signed request is evidence'),
  ('break_glass_window', ARRAY['UPDATE', 'DELETE', 'TRUNCATE'], 'an alarm''s window is on record'),
  ('break_glass_review', ARRAY['UPDATE', 'DELETE', 'TRUNCATE'], 'a review is on record');

CREATE OR REPLACE FUNCTION portvakt_apply_grants() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  t record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'portvakt_app') THEN
    RETURN;
  END IF;
  GRANT USAGE ON SCHEMA public TO portvakt_app;
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO portvakt_app;
  GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO portvakt_app;
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO portvakt_app;
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO portvakt_app;
  -- Append-only for the app: history, evidence and bookkeeping written by triggers or retention.
  REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry, audit_checkpoint, event_read_log, device_event, device_event_held,
    device_chain_head, event_finding, retention_run, schema_migration FROM portvakt_app;
  REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_chain, head_ledger, audit_retention_cut, device_retention_cut,
    retention_run, schema_migration, device_event_held, device_event_all FROM portvakt_app;
  REVOKE DELETE, TRUNCATE ON device_chain FROM portvakt_app;
  REVOKE ALL ON app_privilege_limit FROM portvakt_app;
  FOR t IN SELECT table_name, revoked FROM app_privilege_limit LOOP
    EXECUTE format('REVOKE %s ON %I FROM portvakt_app', array_to_string(t.revoked, ', '), t.table_name);
  END LOOP;
  FOR t IN SELECT c.oid::regclass AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'device_event'::regclass
  LOOP
    EXECUTE format('REVOKE ALL ON %s FROM portvakt_app', t.name);
  END LOOP;
  GRANT EXECUTE ON FUNCTION portvakt_run_retention(timestamptz, text, text, boolean, integer),
    device_event_ensure_partitions(date, integer) TO portvakt_app;
END;
$$;
SELECT portvakt_apply_grants();
