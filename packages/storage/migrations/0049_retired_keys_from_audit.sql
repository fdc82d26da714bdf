-- Keys replaced by a re-enrolment before migration 0043 (docs/event-log.md "Re-enrolment"). 0043
-- began keeping a replaced key in device_enrolment_retired_key; a device re-enrolled before it
-- had its earlier chain heads checked by verify-log against the new key, and every one was
-- reported as bad_head_signature. The key it replaced was not lost: every re-enrolment is audited
-- as `re_enrol` with the enrolment before (its publicJwk) and after. Each such key that has no
-- retired row yet gets one here, as 0043 would have written it: up to the last sequence of a chain
-- head stored by the time of the re-enrolment (0: nothing stored), retired then, by that actor.
-- Only rows are added; nothing stored is changed. Running it again adds nothing.
INSERT INTO device_enrolment_retired_key (municipality_id, enrolment_id, public_jwk, up_to_sequence, retired_at, retired_by)
SELECT a.municipality_id, e.id, a.before -> 'publicJwk',
  coalesce((SELECT max(h.sequence) FROM device_chain_head h
            WHERE h.municipality_id = a.municipality_id AND h.device_id = e.id AND h.received_at <= a.occurred_at), 0),
  a.occurred_at, a.actor_label
FROM audit_entry a
JOIN device_enrolment e ON e.municipality_id = a.municipality_id AND e.id::text = a.entity_id
WHERE a.entity = 'device_enrolment' AND a.action = 're_enrol'
  AND a.before -> 'publicJwk' ->> 'x' IS NOT NULL AND a.before -> 'publicJwk' ->> 'y' IS NOT NULL
  AND (a.before -> 'publicJwk') IS DISTINCT FROM (a.after -> 'publicJwk')
  AND NOT EXISTS (
    SELECT 1 FROM device_enrolment_retired_key r
    WHERE r.municipality_id = a.municipality_id AND r.enrolment_id = e.id
      AND r.public_jwk ->> 'x' = a.before -> 'publicJwk' ->> 'x'
      AND r.public_jwk ->> 'y' = a.before -> 'publicJwk' ->> 'y')
ORDER BY a.id;
