-- The lock lifecycle around the inventory (R6, R7, R8, issue #12): locksmith companies and the
-- installers who work for them, work orders and their history, the customer's own consent to a
-- lock on their door (R6.2), the property owner's consent per entrance (R7.1), providers taken
-- into use per customer (R8.4), and where a property is on the map (battery rounds). The tables
-- shared by work orders, consents, batteries and rollout are defined here once; each capability
-- adds what only it needs in its own migration.

-- Locksmith companies: the installers' employers and the contracted locksmiths (R6.3, R9.2).
CREATE TABLE locksmith_company (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  name text NOT NULL,
  organisation_number text,
  contact_email text,
  contact_phone text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, name)
);

-- An installer's account may belong to a locksmith company: the company's orders are theirs too.
ALTER TABLE user_account ADD COLUMN locksmith_company_id uuid REFERENCES locksmith_company(id);
ALTER TABLE user_account ADD CONSTRAINT user_account_company_installer
  CHECK (locksmith_company_id IS NULL OR role = 'installer');

-- WGS 84 coordinates of a property, for battery rounds in a sensible visiting order.
ALTER TABLE property ADD COLUMN latitude double precision CHECK (latitude BETWEEN -90 AND 90);
ALTER TABLE property ADD COLUMN longitude double precision CHECK (longitude BETWEEN -180 AND 180);
ALTER TABLE property ADD CONSTRAINT property_coordinates_pair
  CHECK ((latitude IS NULL) = (longitude IS NULL));

-- A work order on one door (R6.3–R6.6, R2.4). The current state is on the row; every change of
-- state is a row in work_order_transition (who, when, why), which is never changed.
-- Numbers of the human references; one sequence for all municipalities (gaps are harmless).
CREATE SEQUENCE work_order_number;

CREATE TABLE work_order (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  -- Human reference shown on the phone and on paper, e.g. AO-2027-000123.
  reference text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('install', 'battery', 'move', 'dismount', 'repair', 'cylinder_change')),
  state text NOT NULL DEFAULT 'requested'
    CHECK (state IN ('requested', 'planned', 'in_progress', 'done', 'failed', 'cancelled')),
  state_reason text,
  door_id uuid NOT NULL REFERENCES door(id),
  -- The lock concerned: the one to install once chosen, or the one on the door.
  lock_device_id uuid REFERENCES lock_device(id),
  -- The customer the order is for, when it is for one (an apartment door, a move).
  customer_id uuid REFERENCES customer(id),
  -- A move: the door the lock goes to.
  target_door_id uuid REFERENCES door(id),
  -- What the order waits for before it can be planned: nothing, the customer's own consent
  -- (apartment doors, R6.2) or the property owner's (entrances, R7.1). Whether it still waits is
  -- read from the consent tables, never copied here.
  awaits text NOT NULL DEFAULT 'nothing' CHECK (awaits IN ('nothing', 'customer_consent', 'owner_consent')),
  -- What started it: a person, a service granted or ended, a move, a battery round.
  origin text NOT NULL CHECK (origin IN ('manual', 'service_granted', 'service_ended', 'customer_moved',
    'battery_round', 'cylinder_change')),
  -- Orders made by one battery round share its id.
  batch_id uuid,
  batch_position integer,
  assigned_user_id uuid REFERENCES user_account(id),
  assigned_company_id uuid REFERENCES locksmith_company(id),
  -- The time booked with the customer (apartment doors) or planned for the work.
  booked_from timestamptz,
  booked_until timestamptz,
  planned_minutes integer CHECK (planned_minutes BETWEEN 1 AND 1440),
  started_at timestamptz,
  finished_at timestamptz,
  actual_minutes integer CHECK (actual_minutes BETWEEN 0 AND 1440),
  -- Where the door's original lock is kept until it is restored (R6.4): a shelf or box label.
  original_lock_storage text,
  original_lock_restored_at timestamptz,
  notes text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Optimistic concurrency: each change bumps it; a stale client gets version_conflict.
  version integer NOT NULL DEFAULT 1,
  UNIQUE (municipality_id, reference),
  CHECK (booked_until IS NULL OR (booked_from IS NOT NULL AND booked_until > booked_from)),
  CHECK (kind <> 'move' OR target_door_id IS NOT NULL)
);
CREATE INDEX work_order_state ON work_order (municipality_id, state, kind);
CREATE INDEX work_order_door ON work_order (door_id);
CREATE INDEX work_order_assignee ON work_order (assigned_user_id) WHERE assigned_user_id IS NOT NULL;
CREATE INDEX work_order_company ON work_order (assigned_company_id) WHERE assigned_company_id IS NOT NULL;
CREATE INDEX work_order_customer ON work_order (customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX work_order_batch ON work_order (batch_id) WHERE batch_id IS NOT NULL;
-- At most one open order of a kind per door: triggers that fire twice find the first.
CREATE UNIQUE INDEX work_order_one_open ON work_order (door_id, kind)
  WHERE state IN ('requested', 'planned', 'in_progress');

CREATE TABLE work_order_transition (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  work_order_id uuid NOT NULL REFERENCES work_order(id),
  from_state text,
  to_state text NOT NULL,
  reason text,
  actor text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX work_order_transition_order ON work_order_transition (work_order_id, id);

-- The customer's own consent to a lock on their door, or their refusal (R6.2): with the date and
-- how it was given. The newest row per customer is the one that applies; rows are never changed.
CREATE TABLE customer_lock_consent (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  customer_id uuid NOT NULL REFERENCES customer(id),
  decision text NOT NULL CHECK (decision IN ('consented', 'refused', 'withdrawn')),
  decided_on date NOT NULL,
  given_how text NOT NULL CHECK (given_how IN ('signed_form', 'in_person', 'phone', 'representative')),
  note text,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_lock_consent_customer ON customer_lock_consent (customer_id, id DESC);

-- The property owner's answer per entrance (R7.1): status as the consent e-service, letters and
-- reminders leave it. One row per entrance that has been asked; an entrance without a row has
-- not been asked.
CREATE TABLE entrance_consent (
  door_id uuid PRIMARY KEY REFERENCES door(id),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  status text NOT NULL CHECK (status IN ('asked', 'reminded', 'consented', 'declined', 'withdrawn')),
  -- Who answered for the owner, and when (consented, declined, withdrawn).
  answered_by_name text,
  answered_by_title text,
  answered_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entrance_consent_status ON entrance_consent (municipality_id, status);

-- A provider taken into use for a customer's locks (R8.4): until every provider serving the
-- customer is introduced, the customer's locks are mounted but not in use.
CREATE TABLE provider_introduction (
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  customer_id uuid NOT NULL REFERENCES customer(id),
  provider_id uuid NOT NULL REFERENCES provider(id),
  introduced_on date NOT NULL,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (customer_id, provider_id)
);

-- Whether each installed lock is in use on a given day (R8.4): it is when at least one customer
-- served that day has the lock's door on their way in, and every provider serving such a
-- customer that day was introduced to them by then. One definition for the lock page, the
-- customer page and rollout.
CREATE FUNCTION lock_usage_on(p_municipality uuid, p_day date)
RETURNS TABLE (lock_device_id uuid, door_id uuid, is_in_use boolean, customers_served integer,
  providers_missing integer)
LANGUAGE sql STABLE AS $$
  WITH served AS (
    SELECT DISTINCT s.customer_id, s.provider_id
    FROM customer_service s
    WHERE s.municipality_id = p_municipality AND s.starts_on <= p_day
      AND (s.ends_on IS NULL OR s.ends_on >= p_day)
  ), behind AS (
    SELECT p.door_id, p.customer_id FROM access_path_step p
    UNION
    SELECT c.apartment_door_id, c.id FROM customer c
    WHERE c.municipality_id = p_municipality AND c.apartment_door_id IS NOT NULL
  )
  SELECT l.id, l.door_id,
    count(sv.customer_id) > 0 AND count(sv.customer_id) FILTER (WHERE i.provider_id IS NULL) = 0,
    count(DISTINCT sv.customer_id)::integer,
    count(sv.customer_id) FILTER (WHERE i.provider_id IS NULL)::integer
  FROM lock_device l
  LEFT JOIN behind b ON b.door_id = l.door_id
  LEFT JOIN served sv ON sv.customer_id = b.customer_id
  LEFT JOIN provider_introduction i ON i.customer_id = sv.customer_id AND i.provider_id = sv.provider_id
    AND i.introduced_on <= p_day
  WHERE l.municipality_id = p_municipality AND l.status = 'installed'
  GROUP BY l.id, l.door_id
$$;

INSERT INTO app_privilege_limit (table_name, revoked, reason) VALUES
  ('work_order_transition', ARRAY['UPDATE', 'DELETE', 'TRUNCATE'], 'an order''s history is on record'),
  ('customer_lock_consent', ARRAY['UPDATE', 'DELETE', 'TRUNCATE'], 'R6.2: a consent or refusal is on record');
