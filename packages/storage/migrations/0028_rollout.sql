-- How an entrance is opened and when (R2.6, issue #12 item 5): the method (a door code, a fob in
-- a key safe, ...) and the local hours it works, so a customer served at night behind a door
-- code that stops at 22:00 is warned about (docs/rollout.md). The free-text door_code_hours
-- stays as a note beside the structured hours.
ALTER TABLE door ADD COLUMN opening_method text
  CHECK (opening_method IN ('door_code', 'fob_in_key_safe', 'key', 'always_open', 'digital_lock', 'other'));
-- [{"from":"06:00","to":"22:00","days":[1,2,3,4,5]}]: local time windows (ISO weekdays, every day
-- when "days" is left out; a window ending before it starts runs past midnight); null = any hour.
ALTER TABLE door ADD COLUMN opening_hours jsonb
  CHECK (opening_hours IS NULL OR jsonb_typeof(opening_hours) = 'array');

