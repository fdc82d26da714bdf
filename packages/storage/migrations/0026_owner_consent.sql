-- Reaching property owners and asking for their consent per entrance (R7, docs/consents.md).
-- 0023 holds the answer per entrance (`entrance_consent`), which work orders and rollout read;
-- this adds who is asked (an owner's contacts), what was said (the contact log), and the
-- requests with their single-use links and per-entrance answers, which keep entrance_consent
-- current.

-- The people who answer for an owner: several per owner, at most one primary.
CREATE TABLE property_owner_contact (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  property_owner_id uuid NOT NULL REFERENCES property_owner(id),
  name text NOT NULL,
  title text,
  email text,
  phone text,
  is_primary boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX property_owner_contact_owner ON property_owner_contact (property_owner_id, name);
CREATE UNIQUE INDEX property_owner_contact_one_primary ON property_owner_contact (property_owner_id)
  WHERE is_primary;

-- A request to one contact of the owner about the entrances of one property.
CREATE TABLE consent_request (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  property_owner_id uuid NOT NULL REFERENCES property_owner(id),
  property_id uuid NOT NULL REFERENCES property(id),
  contact_id uuid NOT NULL REFERENCES property_owner_contact(id),
  -- When the last mail (the request or a reminder) went out, and how many reminders did.
  last_sent_at timestamptz NOT NULL,
  reminder_count integer NOT NULL DEFAULT 0,
  -- When the e-service was answered: every link of the request is used from then on.
  answered_at timestamptz,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX consent_request_owner ON consent_request (municipality_id, property_owner_id, created_at DESC);
CREATE INDEX consent_request_waiting ON consent_request (municipality_id, last_sent_at)
  WHERE answered_at IS NULL;

-- The links mailed for a request (the first and each reminder's): only the SHA-256 of the random
-- token is kept, so the table does not hold a working link.
CREATE TABLE consent_link (
  token_hash bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
  request_id uuid NOT NULL REFERENCES consent_request(id),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL CHECK (expires_at > created_at)
);
CREATE INDEX consent_link_request ON consent_link (request_id);

-- The entrances a request asks about, and the answer given through it.
CREATE TABLE consent_request_door (
  request_id uuid NOT NULL REFERENCES consent_request(id),
  door_id uuid NOT NULL REFERENCES door(id),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  answer text CHECK (answer IN ('consented', 'declined', 'withdrawn')),
  answered_by_name text,
  answered_by_title text,
  answered_at timestamptz,
  PRIMARY KEY (request_id, door_id),
  CHECK ((answer IS NULL) = (answered_at IS NULL))
);
CREATE INDEX consent_request_door_door ON consent_request_door (door_id);

-- Letters, calls, e-mails and meetings with an owner, with their outcome; never rewritten.
CREATE TABLE owner_contact_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  property_owner_id uuid NOT NULL REFERENCES property_owner(id),
  kind text NOT NULL CHECK (kind IN ('letter', 'call', 'email', 'meeting')),
  at timestamptz NOT NULL,
  -- Who made the contact, as written (a person, or system:consent-reminders).
  made_by text NOT NULL,
  outcome text NOT NULL,
  consent_request_id uuid REFERENCES consent_request(id),
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX owner_contact_log_owner ON owner_contact_log (property_owner_id, at DESC, id DESC);

INSERT INTO app_privilege_limit (table_name, revoked, reason) VALUES
  ('owner_contact_log', ARRAY['UPDATE', 'DELETE', 'TRUNCATE'], 'R7: what was said to an owner is on record'),
  ('consent_link', ARRAY['UPDATE', 'DELETE', 'TRUNCATE'], 'a link mailed is on record');
