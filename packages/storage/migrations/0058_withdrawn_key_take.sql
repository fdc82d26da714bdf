-- A take authorised and not yet used may be withdrawn (docs/key-cabinets.md "Takes"): the log then
-- says it was withdrawn, and by whom, rather than that it lapsed. Both set cancelled_at.
ALTER TABLE key_cabinet_take ADD COLUMN withdrawn_by text;
