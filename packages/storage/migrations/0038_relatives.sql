-- Relatives' self-service (R4.4, docs/relatives.md): a `relative` account bound to one customer
-- through the single-use invitation it was made with, and the log of every read of a visit list
-- by a relative, which the municipality and the customer's work lead can see.

ALTER TABLE user_account DROP CONSTRAINT user_account_role_check;
ALTER TABLE user_account ADD CONSTRAINT user_account_role_check CHECK (role IN ('municipality_admin',
  'lock_manager', 'installer', 'work_lead', 'staff', 'support', 'auditor', 'property_owner', 'relative'));

-- An invitation: only the link's hash is kept, so a copy of the database holds no working link.
-- `user_id` is the account made with it (the binding of the relative to the customer).
CREATE TABLE relative_invitation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  customer_id uuid NOT NULL REFERENCES customer(id),
  relative_name text NOT NULL CHECK (btrim(relative_name) <> ''),
  email text NOT NULL,
  token_hash bytea NOT NULL UNIQUE,
  -- The provider the inviting work lead acts for (NULL when the municipality invited).
  provider_id uuid REFERENCES provider(id),
  invited_by_user_id uuid REFERENCES user_account(id),
  invited_by text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  user_id uuid UNIQUE REFERENCES user_account(id),
  withdrawn_at timestamptz,
  withdrawn_by text,
  CHECK (expires_at > created_at),
  CHECK ((used_at IS NULL) = (user_id IS NULL)),
  CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL))
);
CREATE INDEX relative_invitation_customer ON relative_invitation (municipality_id, customer_id, created_at DESC);

-- Every read of a visit list by a relative: who, which customer, which days, which format.
CREATE TABLE relative_read_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  customer_id uuid NOT NULL REFERENCES customer(id),
  user_id uuid NOT NULL REFERENCES user_account(id),
  user_label text NOT NULL,
  format text NOT NULL CHECK (format IN ('json', 'csv', 'pdf')),
  first_day date NOT NULL,
  last_day date NOT NULL,
  row_count integer NOT NULL,
  read_at timestamptz NOT NULL,
  request_id text
);
CREATE INDEX relative_read_log_customer ON relative_read_log (municipality_id, customer_id, read_at DESC, id DESC);

INSERT INTO app_privilege_limit (table_name, revoked, reason) VALUES
  ('relative_read_log', ARRAY['UPDATE', 'DELETE', 'TRUNCATE'], 'R4.4: every read by a relative is on record');
