// What `portvakt seed-demo` reads and writes besides plain row inserts (bulk-insert.repository):
// it backfills older demos, matching a freshly built world to the stored rows by natural keys.
import type { Role } from '@portvakt/core';
import { createColumnQuery, createRowsQuery, hasAnyRow, type Queryable } from '../platform/queryable';

/** Holds the municipality row until the transaction ends: one seed-demo backfill at a time. */
export async function lockMunicipality(db: Queryable, municipalityId: string): Promise<void> {
  await db.query('SELECT id FROM municipality WHERE id = $1 FOR UPDATE', [municipalityId]);
}

/** Whether any customer of the municipality is assigned to a team (the permission facts exist). */
export async function hasTeamAssignments(db: Queryable, municipalityId: string): Promise<boolean> {
  return hasAnyRow(db, 'SELECT 1 FROM team_customer WHERE municipality_id = $1 LIMIT 1', [municipalityId]);
}

export interface DemoUser {
  id: string;
  username: string;
  role: Role;
  providerId: string | null;
  staffMemberId: string | null;
  propertyOwnerId: string | null;
  locksmithCompanyId: string | null;
}

/** The municipality's accounts with these usernames: who the demo acts as. */
export const listUsersByUsername = createRowsQuery<
  DemoUser,
  [municipalityId: string, usernames: readonly string[]]
>(
  `SELECT id, username, role, provider_id AS "providerId", staff_member_id AS "staffMemberId",
     property_owner_id AS "propertyOwnerId", locksmith_company_id AS "locksmithCompanyId" FROM user_account
   WHERE municipality_id = $1 AND username = ANY($2::text[])`,
);

/** The natural key each kind of demo row is matched by; places are `designation|street address`. */
const naturalKeys = {
  district: 'SELECT id, code AS key FROM district WHERE municipality_id = $1',
  provider: 'SELECT id, name AS key FROM provider WHERE municipality_id = $1',
  team: 'SELECT id, name AS key FROM team WHERE municipality_id = $1',
  staff_member: 'SELECT id, employee_number AS key FROM staff_member WHERE municipality_id = $1',
  // given name|family name|apartment|place of residence
  customer: `SELECT c.id, concat_ws('|', c.given_name, c.family_name, c.apartment, p.designation, p.street_address) AS key
     FROM customer c JOIN property p ON p.municipality_id = c.municipality_id AND p.id = c.residence_property_id
     WHERE c.municipality_id = $1`,
  // label|place
  door: `SELECT d.id, concat_ws('|', d.label, p.designation, p.street_address) AS key
     FROM door d JOIN property p ON p.municipality_id = d.municipality_id AND p.id = d.property_id
     WHERE d.municipality_id = $1`,
} as const;

/** Stored ids of one kind of row, by natural key. */
export async function readIdsByNaturalKey(
  db: Queryable,
  kind: keyof typeof naturalKeys,
  municipalityId: string,
): Promise<Map<string, string>> {
  const { rows } = await db.query<{ id: string; key: string }>(naturalKeys[kind], [municipalityId]);
  return new Map(rows.map((row) => [row.key, row.id]));
}

/** Sets a provider's service windows unless someone has already set some. */
export async function fillEmptyServiceWindows(
  db: Queryable,
  municipalityId: string,
  providerId: string,
  windows: unknown,
): Promise<void> {
  await db.query(
    "UPDATE provider SET service_windows = $2 WHERE id = $1 AND municipality_id = $3 AND service_windows = '{}'::jsonb",
    [providerId, windows, municipalityId],
  );
}

/** Whether the demo's support world (its emergency locksmith company) is there already. */
export async function hasLocksmithCompanyNamed(
  db: Queryable,
  municipalityId: string,
  name: string,
): Promise<boolean> {
  return hasAnyRow(db, 'SELECT 1 FROM locksmith_company WHERE municipality_id = $1 AND name = $2', [
    municipalityId,
    name,
  ]);
}

export interface DemoSupportTarget {
  customerId: string;
  apartmentDoorId: string;
  /** Every provider serving the customer on the day has been introduced by then. */
  isIntroduced: boolean;
  /** The customer is served by this provider alone on the day. */
  isServedAlone: boolean;
}

/**
 * Customers a provider serves on `day` with an apartment door (not a key safe or tube), in a fixed order (name, id), so the
 * demo's emergencies, backup keys and cases land on the same people on every run.
 */
export async function listDemoSupportTargets(
  db: Queryable,
  municipalityId: string,
  providerId: string,
  day: string,
): Promise<DemoSupportTarget[]> {
  const serving = `s.starts_on <= $3::date AND (s.ends_on IS NULL OR s.ends_on >= $3::date)`;
  const { rows } = await db.query<DemoSupportTarget>(
    `SELECT c.id AS "customerId", c.apartment_door_id AS "apartmentDoorId",
       NOT EXISTS (SELECT 1 FROM customer_service s WHERE s.municipality_id = $1 AND s.customer_id = c.id AND ${serving}
         AND NOT EXISTS (SELECT 1 FROM provider_introduction i WHERE i.municipality_id = $1 AND i.customer_id = c.id
           AND i.provider_id = s.provider_id AND i.introduced_on <= $3::date)) AS "isIntroduced",
       NOT EXISTS (SELECT 1 FROM customer_service s WHERE s.municipality_id = $1 AND s.customer_id = c.id AND ${serving}
         AND s.provider_id <> $2) AS "isServedAlone"
     FROM customer c
       JOIN door d ON d.municipality_id = c.municipality_id AND d.id = c.apartment_door_id AND d.kind = 'apartment_door'
     WHERE c.municipality_id = $1
       AND EXISTS (SELECT 1 FROM customer_service s WHERE s.municipality_id = $1 AND s.customer_id = c.id AND s.provider_id = $2 AND ${serving})
     ORDER BY c.family_name, c.given_name, c.id`,
    [municipalityId, providerId, day],
  );
  return rows;
}

/** A provider's staff in employee-number order: who takes keys from the demo's cabinets. */
export const listStaffIdsOfProvider = createColumnQuery<string, [municipalityId: string, providerId: string]>(
  'SELECT id FROM staff_member WHERE municipality_id = $1 AND provider_id = $2 ORDER BY employee_number, id',
);
