-- A planned install goes back to requested when the property owner withdraws consent for its
-- entrance (docs/work-orders.md "Consent", R7.1): the history records that as a fact the server
-- writes, `owner_withdrew_consent` with the day, like the customer's own withdrawal.
ALTER TABLE work_order_transition DROP CONSTRAINT IF EXISTS work_order_transition_reason_kind_check;
ALTER TABLE work_order_transition ADD CONSTRAINT work_order_transition_reason_kind_check
  CHECK (reason_kind IN ('text', 'origin', 'lock_installed_outside_order', 'customer_refused_lock',
    'customer_withdrew_consent', 'owner_withdrew_consent'));
