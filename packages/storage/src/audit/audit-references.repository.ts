import type { Queryable } from '../platform/queryable';

/** A record an audit entry refers to: its kind (core's resource name) and id. */
export interface ReferencedRecord {
  kind: string;
  id: string;
}

/**
 * The display name of each record of one municipality an audit page refers to, as it is now,
 * in one statement whatever the kinds (docs/api.md "Audit trail"). Every row is found by id
 * whatever its state (a removed lock, a retired cabinet, a key blocked): only a record no longer
 * there, or of another municipality, is left out. Kinds this statement does not name find
 * nothing. A door is named with its property's street address ("Storgatan 3, Port"), a property
 * by its address and designation, a person by given and family name, a lock or key by its serial,
 * a work order or case by its reference, an account by its name (its username when blank), a
 * relative's invitation by the relative's name.
 */
const selectNames = `WITH wanted AS (SELECT w.kind, w.id FROM unnest($2::text[], $3::uuid[]) AS w(kind, id))
SELECT 'district', di.id, di.name
  FROM district di JOIN wanted w ON w.kind = 'district' AND w.id = di.id WHERE di.municipality_id = $1
UNION ALL SELECT 'property_owner', po.id, po.name
  FROM property_owner po JOIN wanted w ON w.kind = 'property_owner' AND w.id = po.id WHERE po.municipality_id = $1
UNION ALL SELECT 'property', pr.id, pr.street_address || ' (' || pr.designation || ')'
  FROM property pr JOIN wanted w ON w.kind = 'property' AND w.id = pr.id WHERE pr.municipality_id = $1
UNION ALL SELECT 'door', d.id, dp.street_address || ', ' || d.label
  FROM door d JOIN wanted w ON w.kind = 'door' AND w.id = d.id
  JOIN property dp ON dp.municipality_id = d.municipality_id AND dp.id = d.property_id
  WHERE d.municipality_id = $1
UNION ALL SELECT 'provider', pv.id, pv.name
  FROM provider pv JOIN wanted w ON w.kind = 'provider' AND w.id = pv.id WHERE pv.municipality_id = $1
UNION ALL SELECT 'team', tm.id, tm.name
  FROM team tm JOIN wanted w ON w.kind = 'team' AND w.id = tm.id WHERE tm.municipality_id = $1
UNION ALL SELECT 'customer', c.id, c.given_name || ' ' || c.family_name
  FROM customer c JOIN wanted w ON w.kind = 'customer' AND w.id = c.id WHERE c.municipality_id = $1
UNION ALL SELECT 'staff_member', sm.id, sm.given_name || ' ' || sm.family_name
  FROM staff_member sm JOIN wanted w ON w.kind = 'staff_member' AND w.id = sm.id WHERE sm.municipality_id = $1
UNION ALL SELECT 'lock_device', ld.id, ld.serial
  FROM lock_device ld JOIN wanted w ON w.kind = 'lock_device' AND w.id = ld.id WHERE ld.municipality_id = $1
UNION ALL SELECT 'digital_key', dk.id, dk.serial
  FROM digital_key dk JOIN wanted w ON w.kind = 'digital_key' AND w.id = dk.id WHERE dk.municipality_id = $1
UNION ALL SELECT 'locksmith_company', lc.id, lc.name
  FROM locksmith_company lc JOIN wanted w ON w.kind = 'locksmith_company' AND w.id = lc.id WHERE lc.municipality_id = $1
UNION ALL SELECT 'work_order', wo.id, wo.reference
  FROM work_order wo JOIN wanted w ON w.kind = 'work_order' AND w.id = wo.id WHERE wo.municipality_id = $1
UNION ALL SELECT 'key_cabinet', kc.id, kc.name
  FROM key_cabinet kc JOIN wanted w ON w.kind = 'key_cabinet' AND w.id = kc.id WHERE kc.municipality_id = $1
UNION ALL SELECT 'support_case', sc.id, sc.reference
  FROM support_case sc JOIN wanted w ON w.kind = 'support_case' AND w.id = sc.id WHERE sc.municipality_id = $1
UNION ALL SELECT 'user_account', ua.id, coalesce(nullif(btrim(ua.display_name), ''), ua.username)
  FROM user_account ua JOIN wanted w ON w.kind = 'user_account' AND w.id = ua.id WHERE ua.municipality_id = $1
UNION ALL SELECT 'relative_invitation', ri.id, ri.relative_name
  FROM relative_invitation ri JOIN wanted w ON w.kind = 'relative_invitation' AND w.id = ri.id WHERE ri.municipality_id = $1`;

/**
 * The names of those of `records` the municipality has, in one statement (none for no records); a
 * record no longer there, or not this municipality's, is left out. Ids are answered in lower case.
 */
export async function readReferencedNames(
  db: Queryable,
  municipalityId: string,
  records: readonly ReferencedRecord[],
): Promise<Array<ReferencedRecord & { name: string }>> {
  if (records.length === 0) return [];
  const { rows } = await db.query<[string, string, string]>({
    text: selectNames,
    values: [municipalityId, records.map((record) => record.kind), records.map((record) => record.id)],
    rowMode: 'array',
  });
  return rows.map(([kind, id, name]) => ({ kind, id, name }));
}
