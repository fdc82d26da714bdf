import type { Queryable } from '../platform/queryable';

/**
 * The customers living in `propertyId` whose district is not `districtId`: after a building is
 * moved to another district, the residents whose district must follow it (a customer's district is
 * their home's).
 */
export async function listResidentsOutsideDistrict(
  db: Queryable,
  municipalityId: string,
  propertyId: string,
  districtId: string,
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM customer
     WHERE municipality_id = $1 AND residence_property_id = $2 AND district_id <> $3
     ORDER BY id FOR UPDATE`,
    [municipalityId, propertyId, districtId],
  );
  return rows.map((row) => row.id);
}
