-- The reasons the server writes into an order's history become facts the console puts into
-- words in the reader's language, like support case titles (0048; docs/work-orders.md
-- "History"): `reason_kind` names the reason and `reason_params` holds what a client needs to
-- word it, where the server wrote an origin's code or an English sentence in `reason` (left null
-- for these kinds): `origin` ({"origin"}; the first transition of an order a trigger made, which
-- said e.g. "battery_round"), `lock_installed_outside_order` ("A lock was installed on the door
-- outside this order.") and `customer_refused_lock` / `customer_withdrew_consent`
-- ({"decidedOn"}; "The customer refused a lock on YYYY-MM-DD (R6.2)." / "The customer withdrew
-- their consent to a lock on YYYY-MM-DD (R6.2)."). A reason a person wrote is `text`, as written.
-- The order's `state_reason` holds a person's reason only: the server's sentences are removed
-- from it (its history says why).
--
-- Rows written before are converted where they are recognisably the server's: an order's first
-- transition (none before it, to requested) whose reason is the order's own origin, not manual;
-- a cancellation whose reason is one of the exact sentences (the date taken from the text).
-- Anything else stays a person's text. Every statement may run again (the test runs the file a
-- second time over old rows).
ALTER TABLE work_order_transition ADD COLUMN IF NOT EXISTS reason_kind text NOT NULL DEFAULT 'text';
ALTER TABLE work_order_transition ADD COLUMN IF NOT EXISTS reason_params jsonb;
ALTER TABLE work_order_transition DROP CONSTRAINT IF EXISTS work_order_transition_reason_kind_check;
ALTER TABLE work_order_transition ADD CONSTRAINT work_order_transition_reason_kind_check
  CHECK (reason_kind IN ('text', 'origin', 'lock_installed_outside_order', 'customer_refused_lock',
    'customer_withdrew_consent'));

UPDATE work_order_transition t SET reason_kind = 'origin', reason = NULL,
  reason_params = jsonb_build_object('origin', w.origin)
FROM work_order w
WHERE w.municipality_id = t.municipality_id AND w.id = t.work_order_id
  AND t.reason_kind = 'text' AND t.from_state IS NULL AND t.to_state = 'requested'
  AND w.origin <> 'manual' AND t.reason = w.origin;

UPDATE work_order_transition SET reason_kind = 'lock_installed_outside_order', reason = NULL
WHERE reason_kind = 'text' AND to_state = 'cancelled'
  AND reason = 'A lock was installed on the door outside this order.';

UPDATE work_order_transition t SET reason = NULL,
  reason_kind = CASE WHEN m.found[1] = 'refused a lock' THEN 'customer_refused_lock'
    ELSE 'customer_withdrew_consent' END,
  reason_params = jsonb_build_object('decidedOn', m.found[2])
FROM (SELECT id, regexp_match(reason,
        '^The customer (refused a lock|withdrew their consent to a lock) on (\d{4}-\d{2}-\d{2}) \(R6\.2\)\.$') AS found
      FROM work_order_transition WHERE reason_kind = 'text' AND to_state = 'cancelled') m
WHERE m.id = t.id AND m.found IS NOT NULL;

UPDATE work_order SET state_reason = NULL
WHERE state = 'cancelled'
  AND (state_reason = 'A lock was installed on the door outside this order.'
    OR state_reason ~ '^The customer (refused a lock|withdrew their consent to a lock) on \d{4}-\d{2}-\d{2} \(R6\.2\)\.$');
