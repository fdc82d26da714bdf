import type { Queryable } from '../platform/queryable';

/**
 * The street address of each customer's home (their residence property), by customer id, for
 * customer rows the caller may already read: a work lead finds a customer by address, though
 * properties themselves are not theirs to read.
 */
export async function readResidenceAddresses(
  db: Queryable,
  municipalityId: string,
  customerIds: readonly string[],
): Promise<Map<string, string>> {
  if (customerIds.length === 0) return new Map();
  const { rows } = await db.query<{ customerId: string; address: string }>(
    `SELECT c.id AS "customerId", p.street_address AS address
     FROM customer c JOIN property p ON p.municipality_id = c.municipality_id AND p.id = c.residence_property_id
     WHERE c.municipality_id = $1 AND c.id = ANY($2::uuid[])`,
    [municipalityId, customerIds],
  );
  return new Map(rows.map((row) => [row.customerId, row.address]));
}
