-- Visit-window mode with break-glass (DESIGN §6, issue #11 item 9; docs/permissions.md
-- "Visit-window mode", docs/visits.md "Break-glass"). The municipality's setting is
-- municipality.settings.visitWindowMode; a customer may be put under the mode, or taken out of it,
-- on their own. Changing either changes the permission facts (the customer and municipality
-- triggers of 0004 bump permission_facts_version).
ALTER TABLE customer ADD COLUMN visit_window_mode boolean;
COMMENT ON COLUMN customer.visit_window_mode IS
  'Visit-window mode for this customer: true or false overrides the municipality setting; null follows it.';

-- An alarm of a windowed customer opens their own doors to the staff of each provider that serves
-- the customer's safety alarm that day, for the municipality's breakGlassMinutes. Read at every
-- activation, sync and phone login (compiled into the ticket); never changed afterwards.
CREATE TABLE break_glass_window (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  alarm_id uuid NOT NULL REFERENCES alarm(id),
  customer_id uuid NOT NULL REFERENCES customer(id),
  provider_id uuid NOT NULL REFERENCES provider(id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (alarm_id, provider_id),
  CHECK (ends_at > starts_at)
);
CREATE INDEX break_glass_window_provider_time ON break_glass_window (provider_id, starts_at);
CREATE INDEX break_glass_window_customer_time ON break_glass_window (customer_id, starts_at);

-- The work lead's review of one break-glass opening (a stored, signed lock record: device and
-- sequence), with the comment that is required. One review per opening; never changed.
CREATE TABLE break_glass_review (
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  provider_id uuid NOT NULL REFERENCES provider(id),
  device_id uuid NOT NULL,
  sequence bigint NOT NULL,
  break_glass_window_id uuid NOT NULL REFERENCES break_glass_window(id),
  comment text NOT NULL CHECK (length(btrim(comment)) > 0),
  reviewed_by text NOT NULL,
  reviewed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (device_id, sequence)
);
CREATE INDEX break_glass_review_window ON break_glass_review (break_glass_window_id);

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'portvakt_app') THEN
    REVOKE UPDATE, DELETE, TRUNCATE ON break_glass_window FROM portvakt_app;
    REVOKE UPDATE, DELETE, TRUNCATE ON break_glass_review FROM portvakt_app;
  END IF;
END
$$;
