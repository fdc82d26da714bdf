-- Batteries (R2.4, docs/batteries.md): battery changes on record, and the index the forecast's
-- per-lock daily medians read device_event through.

-- A battery changed in a lock: by an installer, by the home-care team at a visit (S4 step 6) or
-- as a work order of a battery round. The forecast fits only the readings after the newest
-- change. Rows are never changed: a wrong entry is answered by a newer one.
CREATE TABLE battery_change (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  lock_device_id uuid NOT NULL REFERENCES lock_device(id),
  changed_at timestamptz NOT NULL,
  done_by text NOT NULL CHECK (done_by IN ('installer', 'home_care_team', 'lock_manager')),
  -- The home-care team that changed it (done_by = home_care_team).
  team_id uuid REFERENCES team(id),
  -- The order it was done under, when there was one.
  work_order_id uuid REFERENCES work_order(id),
  -- The level the lock showed before the change, when someone read it off.
  level_before smallint CHECK (level_before BETWEEN 0 AND 100),
  note text,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (team_id IS NULL OR done_by = 'home_care_team')
);
CREATE INDEX battery_change_lock ON battery_change (lock_device_id, changed_at DESC);

-- Readings per lock and day: the forecast reads one lock's or a district's locks' last months.
CREATE INDEX device_event_lock_time ON device_event (lock_device_id, occurred_at) WHERE lock_device_id IS NOT NULL;

INSERT INTO app_privilege_limit (table_name, revoked, reason) VALUES
  ('battery_change', ARRAY['UPDATE', 'DELETE', 'TRUNCATE'], 'R2.4: a battery change is on record');
