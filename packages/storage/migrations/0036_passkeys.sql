-- Passkeys (WebAuthn) of user accounts, the challenges the server handed out for them, and the
-- one-time enrolment step of an account that must have a passkey but has none yet
-- (docs/sign-in.md "Passkeys"). All state is in the database, never in a process, so several
-- server processes can answer one ceremony's two requests.

CREATE TABLE passkey_credential (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
  -- The authenticator's credential id, base64url as WebAuthn's JSON spells it; one account's only.
  credential_id text NOT NULL UNIQUE CHECK (credential_id ~ '^[A-Za-z0-9_-]+$' AND length(credential_id) <= 1400),
  public_key bytea NOT NULL,
  -- The signature counter last seen; an assertion whose counter does not grow (when the
  -- authenticator keeps one) is refused as a cloned authenticator.
  sign_count bigint NOT NULL DEFAULT 0 CHECK (sign_count >= 0),
  transports text[] NOT NULL DEFAULT '{}',
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  device_type text NOT NULL CHECK (device_type IN ('singleDevice', 'multiDevice')),
  is_backed_up boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz
);
CREATE INDEX passkey_credential_user ON passkey_credential (user_id);

-- A challenge is taken (deleted) by the answer that uses it, so it can answer once only.
CREATE TABLE passkey_challenge (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  challenge text NOT NULL UNIQUE,
  purpose text NOT NULL CHECK (purpose IN ('register', 'sign_in', 'enrol')),
  -- Registration: whose passkey; sign-in after a username: whose passkeys may answer.
  user_id uuid REFERENCES user_account(id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  CHECK (purpose = 'sign_in' OR user_id IS NOT NULL)
);
CREATE INDEX passkey_challenge_expiry ON passkey_challenge (expires_at);

-- The enrolment step: after a right password, an account that must use a passkey and has none
-- may register one (and only that) with this token, once, within minutes.
CREATE TABLE passkey_enrolment (
  token_hash bytea PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);
CREATE INDEX passkey_enrolment_user ON passkey_enrolment (user_id);
