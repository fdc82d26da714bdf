-- The issuer key set's version as a counter (issue #9 item 11; docs/device-gateway.md "Issuer keys").
--
-- The version used to be the time of the set's last change in whole seconds, so a rotation in the
-- same second as the previous change produced a new set under the old version, which keys and
-- locks rightly refuse as not newer. Now every change to the set (a key created or retired) bumps
-- this row in the same transaction, to greatest(version + 1, the current unix second): strictly
-- increasing however fast rotations follow each other, and still above any time-based version a
-- device may hold (also after a restore from an older backup, since the floor is the clock).
CREATE TABLE issuer_key_set (
  municipality_id uuid PRIMARY KEY REFERENCES municipality(id),
  version bigint NOT NULL CHECK (version > 0 AND version <= 4294967295)
);

-- Start where the time-based versions left off: the newest creation or retirement of any of the
-- municipality's keys, in whole seconds (at least every version issued so far), so the next
-- change is newer than anything a device already holds.
INSERT INTO issuer_key_set (municipality_id, version)
SELECT municipality_id, max(floor(extract(epoch FROM greatest(created_at, coalesce(retired_at, created_at)))))::bigint
FROM issuer_key
GROUP BY municipality_id;
