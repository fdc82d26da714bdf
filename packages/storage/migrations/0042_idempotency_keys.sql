-- Idempotency keys (issue #16 item 2, docs/idempotency.md). A creating request that carries an
-- `Idempotency-Key` header is claimed here by the account that sent it, inside the same
-- transaction as the request's own writes: a claim that exists proves those writes committed, so
-- a retry after a failover replays the first answer instead of writing a second record. The
-- answer is stored once it is sent. Rows live 24 hours (`expires_at`, from the app's clock).
-- Keyed by municipality first, as every municipality table is (the sharding path, issue #16 item 5).
CREATE TABLE idempotency_key (
  municipality_id uuid NOT NULL REFERENCES municipality (id) ON DELETE CASCADE,
  -- `user:<id>` or `token:<id>`: one account's key never reaches another's answer.
  account_id text NOT NULL,
  key text NOT NULL,
  -- sha256 of method, path and body: the same key with another request is refused.
  request_hash bytea NOT NULL,
  -- The server request that claimed the key: how that request recognises its own commit when the
  -- connection dropped during COMMIT.
  request_id text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  -- The first answer, stored as it is sent; null while it is being made (or if it was lost). The
  -- body is sealed with the server's field key (AES-256-GCM): answers hold personal data and, for
  -- a new API token, its secret.
  response_status smallint,
  response_content_type text,
  response_body bytea,
  PRIMARY KEY (municipality_id, account_id, key),
  CHECK (expires_at > created_at)
);
CREATE INDEX idempotency_key_expiry ON idempotency_key (municipality_id, expires_at);
