-- Permission facts beyond the registry (DESIGN §6, docs/permissions.md): which team serves which
-- customer, alarm-patrol area rules, individual time-limited grants, explicit shared-door grants,
-- and per-provider service windows. Every change goes through the API and its audit trail (R3.5).

-- { "home_care": [{ "from": "22:00", "to": "07:00" }] }: when the provider serves, local time.
ALTER TABLE provider ADD COLUMN service_windows jsonb NOT NULL DEFAULT '{}'::jsonb;

CREATE TABLE team_customer (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  team_id uuid NOT NULL REFERENCES team(id),
  customer_id uuid NOT NULL REFERENCES customer(id),
  valid_from timestamptz NOT NULL DEFAULT now(),
  valid_until timestamptz,
  reason text,
  granted_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until IS NULL OR valid_until > valid_from)
);
CREATE INDEX team_customer_team ON team_customer (team_id);
CREATE INDEX team_customer_customer ON team_customer (customer_id);

CREATE TABLE area_rule (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  team_id uuid NOT NULL REFERENCES team(id),
  district_id uuid NOT NULL REFERENCES district(id),
  service text NOT NULL DEFAULT 'safety_alarm' CHECK (service IN ('home_care', 'safety_alarm', 'home_health_care')),
  valid_from timestamptz NOT NULL DEFAULT now(),
  valid_until timestamptz,
  granted_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until IS NULL OR valid_until > valid_from)
);
CREATE INDEX area_rule_team ON area_rule (team_id);

-- R3.3: quick to grant and to end; always time-limited, always with a reason.
CREATE TABLE access_grant (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  staff_member_id uuid NOT NULL REFERENCES staff_member(id),
  customer_id uuid REFERENCES customer(id),
  door_id uuid REFERENCES door(id),
  valid_from timestamptz NOT NULL DEFAULT now(),
  valid_until timestamptz NOT NULL,
  reason text NOT NULL CHECK (length(reason) > 0),
  granted_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((customer_id IS NULL) <> (door_id IS NULL)),
  CHECK (valid_until > valid_from)
);
CREATE INDEX access_grant_staff ON access_grant (staff_member_id);
CREATE INDEX access_grant_customer ON access_grant (customer_id);

CREATE TABLE shared_door_grant (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  door_id uuid NOT NULL REFERENCES door(id),
  team_id uuid REFERENCES team(id),
  staff_member_id uuid REFERENCES staff_member(id),
  valid_from timestamptz NOT NULL DEFAULT now(),
  valid_until timestamptz,
  reason text,
  granted_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((team_id IS NULL) <> (staff_member_id IS NULL)),
  CHECK (valid_until IS NULL OR valid_until > valid_from)
);
CREATE INDEX shared_door_grant_door ON shared_door_grant (door_id);

-- A compiled permission index may be cached only while nothing it was built from has changed.
-- Every write to a fact table bumps this one row inside the writing transaction, so a reader sees
-- the new version exactly when it can see the new facts.
CREATE TABLE permission_facts_version (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  version bigint NOT NULL
);
INSERT INTO permission_facts_version (version) VALUES (1);

CREATE FUNCTION bump_permission_facts_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE permission_facts_version SET version = version + 1;
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  fact_table text;
BEGIN
  FOREACH fact_table IN ARRAY ARRAY['customer', 'customer_service', 'provider', 'team', 'team_customer',
    'team_membership', 'staff_member', 'area_rule', 'access_grant', 'shared_door_grant', 'access_path_step',
    'door', 'district']
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION bump_permission_facts_version()', fact_table || '_bumps_permissions', fact_table);
  END LOOP;
END;
$$;

-- Locks report battery levels all day; only what changes who opens what counts.
CREATE TRIGGER lock_device_bumps_permissions AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF status, door_id, lock_number
  ON lock_device FOR EACH STATEMENT EXECUTE FUNCTION bump_permission_facts_version();
CREATE TRIGGER municipality_bumps_permissions AFTER UPDATE OF settings
  ON municipality FOR EACH STATEMENT EXECUTE FUNCTION bump_permission_facts_version();
