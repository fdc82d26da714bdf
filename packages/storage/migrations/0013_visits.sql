-- Visit registration (R5.1–R5.3, issue #11; docs/visits.md): work shifts, visits derived from
-- verified lock records at ingest or registered by phone or by hand, every correction as a new
-- version with the records it came from, and what the care system plans and grants (planned
-- visits, granted minutes).

-- A staff member's work shift: opened by a key activation or a phone login (ending when the
-- ticket does), or registered by a work lead. Approval is per shift (a staff member's day).
CREATE TABLE work_shift (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  provider_id uuid NOT NULL REFERENCES provider(id),
  staff_member_id uuid NOT NULL REFERENCES staff_member(id),
  source text NOT NULL CHECK (source IN ('activation', 'phone', 'manual')),
  digital_key_id uuid REFERENCES digital_key(id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  approved_at timestamptz,
  approved_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX work_shift_staff ON work_shift (staff_member_id, starts_at);
CREATE INDEX work_shift_provider ON work_shift (provider_id, starts_at);

-- One row per version of a visit, keyed (visit_id, version). A correction never overwrites a
-- version: it marks it superseded and adds the next version with who, when and why (R5.3). Reads
-- take the current version (`superseded_at IS NULL`). The only change made in place is derivation
-- completing its own first version: the departure of an `incomplete` lock visit.
--
-- What a visit came from is on the row, so an auditor goes from an invoice line to the signed
-- records (R5.1): the (device, sequence) of the lock record of its arrival and of its departure,
-- carried into every later version. Columns, not a link table: derivation writes a visit per
-- arrival inside ingest's transaction, and a second table with its indexes doubled that cost.
--
-- One foreign key, to the customer, so a customer with visits cannot be deleted: derivation
-- resolved provider, staff and door in the same transaction and registration checks them first
-- (visit-checks.ts), and four referential checks per row were much of what derivation cost ingest.
CREATE TABLE visit (
  visit_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  municipality_id uuid NOT NULL,
  provider_id uuid NOT NULL,
  customer_id uuid NOT NULL REFERENCES customer(id),
  -- Who was there: two staff is double staffing (customer time once, staff time twice).
  staff_member_ids uuid[] NOT NULL CHECK (cardinality(staff_member_ids) BETWEEN 1 AND 4),
  -- The door whose openings made a lock visit.
  door_id uuid,
  source text NOT NULL CHECK (source IN ('lock', 'phone', 'manual')),
  state text NOT NULL CHECK (state IN ('registered', 'incomplete', 'declined', 'approved', 'corrected')),
  arrival_at timestamptz NOT NULL,
  departure_at timestamptz,
  arrival_device_id uuid,
  arrival_sequence bigint,
  departure_device_id uuid,
  departure_sequence bigint,
  services text[] NOT NULL DEFAULT '{}',
  declined_reason text,
  note text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Set on the version a correction replaced, with who replaced it.
  superseded_at timestamptz,
  superseded_by text,
  reason text,
  -- Made by the municipality after the month's lock date: flagged in the next compensation run.
  is_late boolean NOT NULL DEFAULT false,
  PRIMARY KEY (visit_id, version),
  CHECK (departure_at IS NULL OR departure_at > arrival_at),
  CHECK ((state = 'incomplete') = (departure_at IS NULL)),
  CHECK ((state = 'declined') = (declined_reason IS NOT NULL)),
  CHECK ((arrival_device_id IS NULL) = (arrival_sequence IS NULL)),
  CHECK ((departure_device_id IS NULL) = (departure_sequence IS NULL))
);
CREATE UNIQUE INDEX visit_current ON visit (visit_id) WHERE superseded_at IS NULL;
CREATE INDEX visit_customer_time ON visit (customer_id, arrival_at) WHERE superseded_at IS NULL;
-- A provider's period (lists, exceptions, the run); a staff member's own visits go through it too.
CREATE INDEX visit_provider_time ON visit (provider_id, arrival_at) WHERE superseded_at IS NULL;
-- Derivation looks up a staff member's open lock visit at a door.
CREATE INDEX visit_open_at_door ON visit (door_id, arrival_at)
  WHERE superseded_at IS NULL AND state = 'incomplete' AND source = 'lock';
-- Derivation finds the customer behind a door.
CREATE INDEX customer_apartment_door ON customer (apartment_door_id) WHERE apartment_door_id IS NOT NULL;

-- Planned visits and granted minutes come from the care system (a general import follows in
-- issue #15); matched by the care system's id so the same file twice changes nothing.
CREATE TABLE planned_visit (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  external_id text NOT NULL,
  customer_id uuid NOT NULL REFERENCES customer(id),
  provider_id uuid NOT NULL REFERENCES provider(id),
  services text[] NOT NULL CHECK (cardinality(services) > 0),
  planned_minutes integer NOT NULL CHECK (planned_minutes BETWEEN 1 AND 1440),
  staff_count integer NOT NULL DEFAULT 1 CHECK (staff_count BETWEEN 1 AND 4),
  window_starts_at timestamptz NOT NULL,
  window_ends_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, external_id),
  CHECK (window_ends_at > window_starts_at)
);
CREATE INDEX planned_visit_customer_time ON planned_visit (customer_id, window_starts_at);
CREATE INDEX planned_visit_provider_time ON planned_visit (provider_id, window_starts_at);

-- Minutes granted per customer, service and month by the needs assessor's decision.
CREATE TABLE granted_time (
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  customer_id uuid NOT NULL REFERENCES customer(id),
  service text NOT NULL,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  minutes integer NOT NULL CHECK (minutes BETWEEN 0 AND 44640),
  decision_reference text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (customer_id, service, month)
);
CREATE INDEX granted_time_month ON granted_time (municipality_id, month);

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'portvakt_app') THEN
    -- Versions and their evidence are never deleted by the application (R5.3).
    REVOKE DELETE, TRUNCATE ON visit FROM portvakt_app;
  END IF;
END
$$;
