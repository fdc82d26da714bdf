-- People who log in, their sessions, integration tokens, login throttling and the append-only
-- audit trail of every change made through the API.

CREATE TABLE user_account (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  username text NOT NULL UNIQUE CHECK (username = lower(username)),
  display_name text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('municipality_admin', 'lock_manager', 'installer', 'work_lead',
    'staff', 'support', 'auditor', 'property_owner')),
  provider_id uuid REFERENCES provider(id),
  staff_member_id uuid REFERENCES staff_member(id),
  property_owner_id uuid REFERENCES property_owner(id),
  is_disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (role NOT IN ('work_lead', 'staff') OR provider_id IS NOT NULL),
  CHECK (role <> 'staff' OR staff_member_id IS NOT NULL),
  CHECK (role <> 'property_owner' OR property_owner_id IS NOT NULL)
);

-- Only hashes of session ids and tokens are stored: a database dump cannot log anyone in.
CREATE TABLE user_session (
  id_hash bytea PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
  csrf_token_hash bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX user_session_user ON user_session (user_id);

CREATE TABLE api_token (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  name text NOT NULL,
  token_hash bytea NOT NULL UNIQUE,
  token_prefix text NOT NULL,
  role text NOT NULL CHECK (role IN ('municipality_admin', 'lock_manager', 'installer', 'work_lead',
    'support', 'auditor')),
  provider_id uuid REFERENCES provider(id),
  is_read_only boolean NOT NULL DEFAULT false,
  created_by uuid NOT NULL REFERENCES user_account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz,
  CHECK (role <> 'work_lead' OR provider_id IS NOT NULL)
);

CREATE TABLE login_throttle (
  throttle_key text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  window_started_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz
);

CREATE TABLE audit_entry (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id uuid REFERENCES municipality(id),
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid,
  actor_token_id uuid,
  actor_label text NOT NULL,
  actor_role text,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  before jsonb,
  after jsonb,
  request_id text,
  source text NOT NULL DEFAULT 'api'
);
CREATE INDEX audit_entry_entity ON audit_entry (municipality_id, entity, entity_id, id);
CREATE INDEX audit_entry_time ON audit_entry (municipality_id, occurred_at);

-- Append-only below the API too: no role the application uses can rewrite history.
CREATE FUNCTION audit_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_entry is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE OR DELETE ON audit_entry
  FOR EACH ROW EXECUTE FUNCTION audit_entry_is_append_only();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
  FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_is_append_only();
