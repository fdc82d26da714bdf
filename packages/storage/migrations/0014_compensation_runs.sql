-- The monthly compensation run (R5.2, issue #11; docs/visits.md "Compensation run"): per provider
-- and month, numbered versions that are never changed once made, each with the hash of its lines,
-- and lines that name the visits they count (visit → its arrival and departure records → the signed lock records).
CREATE TABLE compensation_run (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  provider_id uuid NOT NULL REFERENCES provider(id),
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  version integer NOT NULL CHECK (version >= 1),
  -- SHA-256 over the run's canonical JSON (lines, given vs granted, held back, late): what an
  -- auditor recomputes from the stored lines to see nothing changed since.
  hash text NOT NULL,
  total_amount_ore bigint NOT NULL,
  held_back_visit_ids uuid[] NOT NULL DEFAULT '{}',
  late_visit_ids uuid[] NOT NULL DEFAULT '{}',
  given_versus_granted jsonb NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (provider_id, month, version)
);
CREATE INDEX compensation_run_month ON compensation_run (municipality_id, month);

CREATE TABLE compensation_line (
  run_id uuid NOT NULL REFERENCES compensation_run(id),
  position integer NOT NULL,
  customer_id uuid NOT NULL REFERENCES customer(id),
  service text NOT NULL,
  band text NOT NULL CHECK (band IN ('day', 'evening', 'night', 'weekend')),
  customer_minutes integer NOT NULL,
  staff_minutes integer NOT NULL,
  per_hour numeric(10, 2) NOT NULL,
  amount_ore bigint NOT NULL,
  visit_ids uuid[] NOT NULL,
  PRIMARY KEY (run_id, position)
);

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'portvakt_app') THEN
    -- A run is immutable once made: the application may only add runs and their lines.
    REVOKE UPDATE, DELETE, TRUNCATE ON compensation_run, compensation_line FROM portvakt_app;
  END IF;
END
$$;
