-- A work order's reference no longer counts the orders (docs/work-orders.md "References"). It was
-- the year and a number from one sequence shared by every municipality (AO-2027-000042), so a
-- property owner, a provider's work lead or a locksmith company's installer who saw two orders
-- learnt from the numbers how many everybody else had got in between, though they are never to
-- learn anything of others, counts included (R2.7). A new order's code is random (storage
-- insertWorkOrders, core makeRandomReference, e.g. AO-2027-K7QX4M, unique per municipality), as a
-- support case's since 0064. This gives every order made before a random code too, in the year it
-- had, and keeps the number in `former_reference`, which the municipality's readers are answered,
-- so a reference in an old mail, note or on paper still finds its order: nothing is lost. What the
-- server wrote naming an order by its reference follows it: the timeline's follow_up_opened facts
-- (and the "Uppföljning: arbetsorder …" sentences written before 0045) and the label of a lock
-- enrolled through its order; a person's words and audit entries stay as recorded.
-- May run again: the codes are drawn only while the sequence that counted them is still there
-- (a random code may be all digits, like a counted one), and only for orders with no former one.
ALTER TABLE work_order ADD COLUMN IF NOT EXISTS former_reference text;

-- Drawn as 0064 draws support cases' (replace_counted_references).

DO $$
BEGIN
  -- Only while the sequence that counted them is there: a random code may be all digits too.
  IF to_regclass('work_order_number') IS NOT NULL THEN
    PERFORM replace_counted_references('work_order', '^AO-\d{4}-\d{6,}$', 8);
  END IF;
END $$;

UPDATE support_case_note n SET params = jsonb_set(n.params, '{reference}', to_jsonb(w.reference))
FROM work_order w
WHERE n.kind = 'follow_up_opened' AND n.params->>'followUp' = 'work_order'
  AND w.municipality_id = n.municipality_id AND w.former_reference = n.params->>'reference';

UPDATE support_case_note n
SET body = 'Uppföljning: arbetsorder ' || w.reference || substr(n.body, length('Uppföljning: arbetsorder ' || w.former_reference) + 1)
FROM work_order w
WHERE n.kind = 'link' AND w.municipality_id = n.municipality_id
  AND starts_with(n.body, 'Uppföljning: arbetsorder ' || w.former_reference || ' (');

UPDATE device_enrolment e SET label = w.reference
FROM work_order w
WHERE e.kind = 'lock' AND e.municipality_id = w.municipality_id AND e.lock_device_id = w.lock_device_id
  AND e.label = w.former_reference;

-- Nothing counts orders any more.
DROP SEQUENCE IF EXISTS work_order_number;
