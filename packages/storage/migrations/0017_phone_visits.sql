-- Visits registered by phone (R5.1, issue #11; docs/visits.md "Phone check-in and check-out"):
-- the staff member's phone signs a check-in and a check-out (protocol "visit check", content type
-- 65009) and the issuer keeps the exact signed bytes as the visit's evidence, as a lock visit
-- keeps the (device, sequence) of the signed lock records it came from.
--
-- One row per signed request that changed a visit: its arrival (check-in) or its departure
-- (check-out). An auditor goes from the visit to these rows and verifies `request` with the
-- phone's enrolled public key; `request_sha256` is what the audit entry names. Never changed
-- or deleted by the application.
CREATE TABLE phone_visit_event (
  visit_id uuid NOT NULL,
  role text NOT NULL CHECK (role IN ('arrival', 'departure')),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  -- The phone: its enrolment id, which is its digital key's id.
  device_id uuid NOT NULL,
  nonce bytea NOT NULL CHECK (length(nonce) = 16),
  -- The phone's clock as signed; the visit's time is the issuer's (`received_at`).
  signed_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  request bytea NOT NULL CHECK (length(request) BETWEEN 1 AND 256),
  request_sha256 bytea NOT NULL CHECK (length(request_sha256) = 32),
  PRIMARY KEY (visit_id, role),
  -- A second line behind the gateway's nonce check: one signed request makes one event.
  UNIQUE (device_id, nonce)
);

-- Check-in and check-out look up the staff member's open phone visit at a customer.
CREATE INDEX visit_open_by_phone ON visit (customer_id, arrival_at)
  WHERE superseded_at IS NULL AND state = 'incomplete' AND source = 'phone';

-- The application role's privileges, as 0008 applies them after every migration run, now also
-- keeping visit history and its evidence append-only. The REVOKEs that 0013–0016 made on their
-- own tables were undone by that re-application (it grants on all tables), so the app role could
-- still delete visits and change compensation runs; they belong in the function.
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
  -- Visits (R5.3): versions are superseded, never deleted; runs, confirmations and a phone's
  -- signed requests are never changed.
  REVOKE DELETE, TRUNCATE ON visit FROM portvakt_app;
  REVOKE UPDATE, DELETE, TRUNCATE ON compensation_run, compensation_line, visit_exception_resolution,
    phone_visit_event FROM portvakt_app;
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
