-- OpenID Connect sign-in against the municipality's identity provider (issue #15 item 5,
-- docs/oidc.md). One configuration per municipality; the client secret is sealed with the field
-- key (AES-GCM), never stored in the clear.
CREATE TABLE oidc_config (
  municipality_id uuid PRIMARY KEY REFERENCES municipality(id),
  issuer_url text NOT NULL,
  client_id text NOT NULL,
  client_secret_sealed bytea NOT NULL,
  -- The ID token claim that names the person to the municipality (sub, email, an employee number,
  -- a personal identity number); matched against the value an admin pre-set on the account.
  match_claim text NOT NULL CHECK (match_claim ~ '^[A-Za-z0-9_.:-]{1,100}$'),
  is_enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- An existing account's link to the identity provider. The admin pre-sets the claim value (kept
-- only as a keyed hash: it may be a personal identity number); the first sign-in with that value
-- records the provider's subject, and later sign-ins match on (issuer, subject) alone.
CREATE TABLE oidc_link (
  user_id uuid PRIMARY KEY REFERENCES user_account(id) ON DELETE CASCADE,
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  claim_value_hash bytea NOT NULL,
  issuer_url text,
  subject text,
  linked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((subject IS NULL) = (issuer_url IS NULL) AND (subject IS NULL) = (linked_at IS NULL)),
  UNIQUE (municipality_id, claim_value_hash),
  UNIQUE (issuer_url, subject)
);

-- A sign-in under way: state (as its hash), nonce and PKCE verifier, single use and short-lived,
-- kept in the database so any server process can finish what another started.
CREATE TABLE oidc_login_state (
  state_hash bytea PRIMARY KEY,
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX oidc_login_state_expiry ON oidc_login_state (expires_at);
