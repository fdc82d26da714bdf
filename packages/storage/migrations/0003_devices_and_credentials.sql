-- Device side of access (issue: permissions, activation, blocking): the municipality's issuer
-- keys, enrolled devices with their public keys, per-key credential state (PIN verifier, ticket
-- sequence), the versioned block list, replay protection and PIN reset codes.

-- Locks carry compact numbers in tickets (a 300-lock ticket must fit 2 KB); assigned per
-- municipality when a lock is enrolled.
ALTER TABLE lock_device ADD COLUMN lock_number integer CHECK (lock_number > 0);
CREATE UNIQUE INDEX lock_device_number ON lock_device (municipality_id, lock_number) WHERE lock_number IS NOT NULL;
ALTER TABLE municipality ADD COLUMN next_lock_number integer NOT NULL DEFAULT 1;

-- Issuer signing keys (ES256). The private key is sealed with a key derived from the master key
-- and never leaves the server in clear. A retired key signs nothing new but its public key stays
-- published until every ticket it signed has expired.
CREATE TABLE issuer_key (
  kid bytea PRIMARY KEY,
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  public_jwk jsonb NOT NULL,
  private_key_sealed bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz,
  signed_until timestamptz
);
CREATE UNIQUE INDEX issuer_key_one_active ON issuer_key (municipality_id) WHERE retired_at IS NULL;

-- Every device that speaks the protocol, with the public half of the key pair it made itself.
CREATE TABLE device_enrolment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  kind text NOT NULL CHECK (kind IN ('lock', 'key', 'phone', 'activation_box', 'sync_station')),
  lock_device_id uuid REFERENCES lock_device(id),
  digital_key_id uuid REFERENCES digital_key(id),
  label text,
  public_jwk jsonb NOT NULL,
  certificate bytea,
  enrolled_by text NOT NULL,
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  last_seen_at timestamptz,
  CHECK ((kind = 'lock') = (lock_device_id IS NOT NULL)),
  CHECK ((kind IN ('key', 'phone')) = (digital_key_id IS NOT NULL))
);
CREATE UNIQUE INDEX device_enrolment_lock ON device_enrolment (lock_device_id) WHERE revoked_at IS NULL AND lock_device_id IS NOT NULL;
CREATE UNIQUE INDEX device_enrolment_key ON device_enrolment (digital_key_id) WHERE revoked_at IS NULL AND digital_key_id IS NOT NULL;

-- Server-side state of a digital key: the PIN verifier (slow, salted, bound to this key only),
-- wrong-PIN counting, and the per-key ticket sequence that locks use against rollback.
CREATE TABLE key_credential (
  digital_key_id uuid PRIMARY KEY REFERENCES digital_key(id),
  pin_verifier text,
  pin_set_at timestamptz,
  pin_failures integer NOT NULL DEFAULT 0,
  pin_locked_until timestamptz,
  ticket_sequence bigint NOT NULL DEFAULT 0,
  last_activation_at timestamptz,
  last_ticket_expires_at timestamptz
);

-- One-time codes a work lead hands a staff member to set a new PIN; only the hash is kept.
CREATE TABLE pin_reset_code (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  digital_key_id uuid NOT NULL REFERENCES digital_key(id),
  code_hash bytea NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  failures integer NOT NULL DEFAULT 0
);
CREATE INDEX pin_reset_code_key ON pin_reset_code (digital_key_id);

-- The versioned block list (R1.6). A key enters once; the version it entered with lets a lock's
-- reported version tell which blocked keys it already knows.
CREATE TABLE block_list_entry (
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  digital_key_id uuid NOT NULL REFERENCES digital_key(id),
  added_in_version integer NOT NULL,
  reason text NOT NULL,
  blocked_by text NOT NULL,
  blocked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, digital_key_id)
);
ALTER TABLE municipality ADD COLUMN block_list_version integer NOT NULL DEFAULT 1;

-- Which block-list version each lock has reported having (from its event records), so the
-- exposure after a block is visible per lock.
CREATE TABLE lock_block_list_report (
  lock_device_id uuid PRIMARY KEY REFERENCES lock_device(id),
  version integer NOT NULL,
  reported_at timestamptz NOT NULL
);

-- Replay protection for signed device requests: a nonce is accepted once per device.
CREATE TABLE device_nonce (
  device_id uuid NOT NULL,
  nonce bytea NOT NULL,
  seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (device_id, nonce)
);
CREATE INDEX device_nonce_seen ON device_nonce (seen_at);
