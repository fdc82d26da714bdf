-- A requested dismount proposed when a customer's last service was to end is cancelled when that
-- end is removed or moved later, or a new service begins (docs/work-orders.md "Triggers, consent
-- and introductions"): the history records that as a fact the server writes, `service_extended`.
ALTER TABLE work_order_transition DROP CONSTRAINT IF EXISTS work_order_transition_reason_kind_check;
ALTER TABLE work_order_transition ADD CONSTRAINT work_order_transition_reason_kind_check
  CHECK (reason_kind IN ('text', 'origin', 'lock_installed_outside_order', 'customer_refused_lock',
    'customer_withdrew_consent', 'owner_withdrew_consent', 'service_extended'));
