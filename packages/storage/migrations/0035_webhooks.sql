-- Webhooks (issue #15 item 3, docs/webhooks.md): subscriptions scoped like their subscriber, the
-- events derived from the audit trail and from lock checks, one delivery per subscription and
-- event (the outbox the delivery job works through) and every attempt of it.

CREATE TABLE webhook_subscription (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  scope_kind text NOT NULL CHECK (scope_kind IN ('municipality', 'provider', 'owner')),
  provider_id uuid REFERENCES provider(id),
  property_owner_id uuid REFERENCES property_owner(id),
  url text NOT NULL,
  description text,
  event_types text[] NOT NULL,
  -- The whsec_ secret, sealed with the server's field key (it signs, so it cannot be a hash).
  secret_sealed bytea NOT NULL,
  is_enabled boolean NOT NULL DEFAULT true,
  disabled_reason text,
  -- Who disabled it; NULL when the delivery job did, after a day of failures.
  disabled_by text,
  disabled_at timestamptz,
  -- The first failed attempt since the last delivered one: a day of it disables the subscription.
  failing_since timestamptz,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((scope_kind = 'provider') = (provider_id IS NOT NULL)),
  CHECK ((scope_kind = 'owner') = (property_owner_id IS NOT NULL))
);
CREATE INDEX webhook_subscription_municipality ON webhook_subscription (municipality_id, is_enabled);

CREATE TABLE webhook_event (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  type text NOT NULL,
  occurred_at timestamptz NOT NULL,
  data jsonb NOT NULL,
  -- Where it came from (`audit:<id>`, `battery_low:<lock>:<raised at>`), so it is made once.
  source_key text NOT NULL UNIQUE
);

CREATE TABLE webhook_delivery (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subscription_id uuid NOT NULL REFERENCES webhook_subscription(id),
  event_id uuid NOT NULL REFERENCES webhook_event(id),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  next_attempt_at timestamptz,
  attempt_count integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'pending';

CREATE TABLE webhook_attempt (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  delivery_id uuid NOT NULL REFERENCES webhook_delivery(id),
  attempted_at timestamptz NOT NULL,
  status_code integer,
  error text,
  duration_ms integer NOT NULL
);
CREATE INDEX webhook_attempt_delivery ON webhook_attempt (delivery_id, id);

-- How far the event job has read each municipality's audit chain (chain_seq is in commit order,
-- so nothing committed later can appear below it).
CREATE TABLE webhook_audit_cursor (
  municipality_id uuid PRIMARY KEY REFERENCES municipality(id),
  last_chain_seq bigint NOT NULL
);

-- State-like conditions raised once until they clear (a lock's low battery, a lagging block list).
CREATE TABLE webhook_condition (
  type text NOT NULL,
  lock_device_id uuid NOT NULL REFERENCES lock_device(id),
  raised_at timestamptz NOT NULL,
  PRIMARY KEY (type, lock_device_id)
);
