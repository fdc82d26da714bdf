-- Scope fixes (issue #9 items 3, 4, 8).
--
-- A property owner must not learn lock serials: serials are handed out in sequence, so the gaps
-- between the serials of an owner's shared-door locks would reveal how many apartment locks
-- (customers with home care, R2.7) were installed in between. Owners see this random,
-- unordered reference in place of the serial instead (docs/api.md "Property owners").
ALTER TABLE lock_device ADD COLUMN owner_reference text;
UPDATE lock_device SET owner_reference = 'R-' || upper(substr(md5(gen_random_uuid()::text), 1, 16));
ALTER TABLE lock_device
  ALTER COLUMN owner_reference SET DEFAULT 'R-' || upper(substr(md5(gen_random_uuid()::text), 1, 16)),
  ALTER COLUMN owner_reference SET NOT NULL,
  ADD CONSTRAINT lock_device_owner_reference_unique UNIQUE (owner_reference);
