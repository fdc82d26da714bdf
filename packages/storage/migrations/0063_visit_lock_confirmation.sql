-- A phone visit confirmed by the door's lock (docs/visits.md "A phone visit and the door's lock"):
-- a staff member who checked in with their phone at a customer with a lock still turns the key,
-- and derivation attaches those openings to the phone visit instead of deriving a second visit of
-- the same stay. Each row names one such lock record (device, sequence). A row of its own, not a
-- new version of the visit: the visit's times, its state and a work lead's approval are the
-- phone's and stay as they were; the record only confirms them.
CREATE TABLE visit_lock_confirmation (
  municipality_id uuid NOT NULL,
  visit_id uuid NOT NULL,
  device_id uuid NOT NULL,
  sequence bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- A record belongs to one visit; uploaded again it derives nothing (ingest's duplicates).
  PRIMARY KEY (municipality_id, device_id, sequence)
);
CREATE INDEX visit_lock_confirmation_visit ON visit_lock_confirmation (municipality_id, visit_id);

INSERT INTO app_privilege_limit (table_name, revoked, reason) VALUES
  ('visit_lock_confirmation', ARRAY['UPDATE', 'DELETE', 'TRUNCATE'], 'R5.1: what a lock record confirmed is on record');

