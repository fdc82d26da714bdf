-- Import from the care system (issue #15 item 1, docs/imports.md). Records are matched by the
-- care system's own ids, kept beside ours: one per municipality and table. Districts are matched
-- by their code, which is already unique per municipality.
ALTER TABLE provider ADD COLUMN external_id text;
ALTER TABLE team ADD COLUMN external_id text;
ALTER TABLE customer ADD COLUMN external_id text;
ALTER TABLE customer_service ADD COLUMN external_id text;
ALTER TABLE staff_member ADD COLUMN external_id text;
ALTER TABLE team_membership ADD COLUMN external_id text;
ALTER TABLE team_customer ADD COLUMN external_id text;
CREATE UNIQUE INDEX provider_external_id ON provider (municipality_id, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX team_external_id ON team (municipality_id, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX customer_external_id ON customer (municipality_id, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX customer_service_external_id ON customer_service (municipality_id, external_id)
  WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX staff_member_external_id ON staff_member (municipality_id, external_id)
  WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX team_membership_external_id ON team_membership (municipality_id, external_id)
  WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX team_customer_external_id ON team_customer (municipality_id, external_id)
  WHERE external_id IS NOT NULL;

-- One import: a dry run or an applied one, run as a job whose progress the console polls. The
-- diff (or the file errors) is kept so the console can show it after the request has returned.
CREATE TABLE care_system_import (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  is_dry_run boolean NOT NULL,
  is_full boolean NOT NULL,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed')),
  rows_done integer NOT NULL DEFAULT 0,
  rows_total integer NOT NULL DEFAULT 0,
  file_names text[] NOT NULL,
  result jsonb,
  error jsonb,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX care_system_import_recent ON care_system_import (municipality_id, created_at DESC);
