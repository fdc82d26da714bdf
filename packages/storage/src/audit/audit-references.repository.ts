import type { Queryable } from '../platform/queryable';

/** A record an audit entry refers to: its kind (core's resource name) and id. */
export interface ReferencedRecord {
  kind: string;
  id: string;
}

/**
 * How a record of each kind is named, by the kinds named alike: each kind's table is named as the
 * kind and aliased `t` here. A door is named apart, with its property's street address.
 */
const namedAlike: ReadonlyArray<readonly [name: string, kinds: readonly string[]]> = [
  ['t.name', ['district', 'property_owner', 'provider', 'team', 'locksmith_company', 'key_cabinet']],
  [`t.street_address || ' (' || t.designation || ')'`, ['property']],
  [`t.given_name || ' ' || t.family_name`, ['customer', 'staff_member']],
  ['t.serial', ['lock_device', 'digital_key']],
  ['t.reference', ['work_order', 'support_case']],
  [`coalesce(nullif(btrim(t.display_name), ''), t.username)`, ['user_account']],
  ['t.relative_name', ['relative_invitation']],
];

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
SELECT 'door', d.id, dp.street_address || ', ' || d.label
  FROM door d JOIN wanted w ON w.kind = 'door' AND w.id = d.id
  JOIN property dp ON dp.municipality_id = d.municipality_id AND dp.id = d.property_id
  WHERE d.municipality_id = $1
${namedAlike
  .flatMap(([name, kinds]) =>
    kinds.map(
      (kind) => `UNION ALL SELECT '${kind}', t.id, ${name}
  FROM ${kind} t JOIN wanted w ON w.kind = '${kind}' AND w.id = t.id WHERE t.municipality_id = $1`,
    ),
  )
  .join('\n')}`;

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
