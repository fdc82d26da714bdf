-- The registry of the keyless world: who, which doors, which devices. Names follow the glossary
-- in shared/REQUIREMENTS.md. Every row belongs to one municipality (the tenant), so a future
-- sharded deployment can distribute by municipality_id.

CREATE TABLE municipality (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE district (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  code text NOT NULL,
  name text NOT NULL,
  rollout_start_quarter text CHECK (rollout_start_quarter ~ '^[0-9]{4}-Q[1-4]$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, code)
);

CREATE TABLE property_owner (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  name text NOT NULL,
  organisation_number text,
  contact_name text,
  contact_email text,
  contact_phone text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX property_owner_municipality ON property_owner (municipality_id, name);

CREATE TABLE property (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  district_id uuid NOT NULL REFERENCES district(id),
  owner_id uuid REFERENCES property_owner(id),
  designation text NOT NULL,
  street_address text NOT NULL,
  postal_code text,
  city text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, designation)
);
CREATE INDEX property_district ON property (district_id);
CREATE INDEX property_owner_idx ON property (owner_id);

-- A door is anything a lock can sit on: apartment doors, entrances (shared building doors),
-- key safes and key tubes, and shared rooms (R2.1, R2.5).
CREATE TABLE door (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  property_id uuid NOT NULL REFERENCES property(id),
  kind text NOT NULL CHECK (kind IN ('apartment_door', 'entrance', 'key_safe', 'key_tube',
    'laundry_room', 'waste_room', 'medicine_cabinet', 'electrical_room')),
  label text NOT NULL,
  floor integer,
  door_code_hours text,
  notes text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (property_id, label)
);
CREATE INDEX door_municipality ON door (municipality_id, kind);

CREATE TABLE provider (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  name text NOT NULL,
  organisation_number text,
  ownership text NOT NULL CHECK (ownership IN ('municipal', 'private')),
  kinds text[] NOT NULL CHECK (cardinality(kinds) > 0 AND kinds <@ ARRAY['day_home_care', 'night_patrol',
    'alarm_patrol', 'home_health_care']::text[]),
  contact_email text,
  contact_phone text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, name)
);

CREATE TABLE team (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  provider_id uuid NOT NULL REFERENCES provider(id),
  district_id uuid REFERENCES district(id),
  name text NOT NULL,
  area text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (provider_id, name)
);

-- Personal identity numbers (personnummer) are stored only encrypted (AES-256-GCM, key outside
-- the database) plus a keyed hash for exact-match lookup; they never appear in lists or logs.
CREATE TABLE customer (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  district_id uuid NOT NULL REFERENCES district(id),
  given_name text NOT NULL,
  family_name text NOT NULL,
  identity_number_encrypted bytea,
  identity_number_lookup bytea,
  residence_property_id uuid REFERENCES property(id),
  apartment text,
  apartment_door_id uuid REFERENCES door(id),
  has_refused_lock boolean NOT NULL DEFAULT false,
  refused_lock_note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, identity_number_lookup)
);
CREATE INDEX customer_district ON customer (district_id);
CREATE INDEX customer_name ON customer (municipality_id, family_name, given_name);

-- The services a customer has been granted, each by a chosen provider over a date range (R3.2).
CREATE TABLE customer_service (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  customer_id uuid NOT NULL REFERENCES customer(id),
  service text NOT NULL CHECK (service IN ('home_care', 'safety_alarm', 'home_health_care')),
  provider_id uuid NOT NULL REFERENCES provider(id),
  starts_on date NOT NULL,
  ends_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX customer_service_customer ON customer_service (customer_id);
CREATE INDEX customer_service_provider ON customer_service (provider_id, customer_id);

-- The doors on the way in to a customer, in the order they are passed (R3.4).
CREATE TABLE access_path_step (
  customer_id uuid NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 0),
  door_id uuid NOT NULL REFERENCES door(id),
  PRIMARY KEY (customer_id, position),
  UNIQUE (customer_id, door_id)
);
CREATE INDEX access_path_door ON access_path_step (door_id);

CREATE TABLE staff_member (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  provider_id uuid NOT NULL REFERENCES provider(id),
  given_name text NOT NULL,
  family_name text NOT NULL,
  employee_number text,
  identity_number_encrypted bytea,
  identity_number_lookup bytea,
  -- Random per staff member; what devices and event records carry instead of a name.
  pseudonym text NOT NULL UNIQUE,
  employment_starts_on date NOT NULL,
  employment_ends_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (provider_id, employee_number),
  UNIQUE (municipality_id, identity_number_lookup),
  CHECK (employment_ends_on IS NULL OR employment_ends_on >= employment_starts_on)
);
CREATE INDEX staff_provider ON staff_member (provider_id, family_name, given_name);

CREATE TABLE team_membership (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  team_id uuid NOT NULL REFERENCES team(id),
  staff_member_id uuid NOT NULL REFERENCES staff_member(id),
  valid_from timestamptz NOT NULL DEFAULT now(),
  valid_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until IS NULL OR valid_until > valid_from)
);
CREATE INDEX team_membership_staff ON team_membership (staff_member_id);
CREATE INDEX team_membership_team ON team_membership (team_id);

-- Municipality-owned hardware inventory (R6.7).
CREATE TABLE lock_device (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  lock_type text NOT NULL CHECK (lock_type IN ('cylinder_ring', 'inside_unit', 'key_safe', 'key_tube')),
  serial text NOT NULL UNIQUE,
  firmware text,
  status text NOT NULL DEFAULT 'in_stock' CHECK (status IN ('in_stock', 'installed', 'faulty', 'removed')),
  door_id uuid REFERENCES door(id),
  battery_level integer CHECK (battery_level BETWEEN 0 AND 100),
  installed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'installed' OR door_id IS NOT NULL)
);
-- One working lock per door.
CREATE UNIQUE INDEX lock_device_one_per_door ON lock_device (door_id) WHERE status = 'installed';
CREATE INDEX lock_device_municipality ON lock_device (municipality_id, status);

CREATE TABLE digital_key (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  provider_id uuid NOT NULL REFERENCES provider(id),
  kind text NOT NULL CHECK (kind IN ('hardware_key', 'phone')),
  serial text NOT NULL UNIQUE,
  holder_staff_member_id uuid REFERENCES staff_member(id),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blocked', 'lost', 'retired')),
  status_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- R1.1: a key belongs to one staff member at a time.
CREATE INDEX digital_key_provider ON digital_key (provider_id, status);
CREATE INDEX digital_key_holder ON digital_key (holder_staff_member_id);
