-- Safety alarms from the alarm receiver (R11.1, issue #11; docs/visits.md "Alarm response
-- times"): when a customer's alarm went off. The response time is read from the lock records: the
-- first opening at the customer's door by staff of an alarm-serving provider after the alarm.
CREATE TABLE alarm (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES municipality(id),
  -- The alarm receiver's own id: the same alarm sent twice is stored once.
  external_id text NOT NULL,
  customer_id uuid NOT NULL REFERENCES customer(id),
  raised_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, external_id)
);
CREATE INDEX alarm_time ON alarm (municipality_id, raised_at);
CREATE INDEX alarm_customer ON alarm (customer_id, raised_at);
