// The records a care-system import compares its file with (docs/imports.md): every district (by
// code) and every row the care system gave before (those with an external id), each with its
// references as the care system's ids, so the file and the database compare field by field.
import type { ExistingRecord, ImportKind } from '@portvakt/core';
import type { Queryable } from '../platform/queryable';

const day = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

/** One SELECT per kind: `id`, `key`, then the kind's fields as the file names them. */
const selects: Record<ImportKind, string> = {
  districts: `SELECT d.id, d.code AS key, d.name FROM district d WHERE d.municipality_id = $1`,
  providers: `SELECT p.id, p.external_id AS key, p.name, p.organisation_number AS "organisationNumber",
      p.ownership, p.kinds, p.contact_email AS "contactEmail", p.contact_phone AS "contactPhone"
    FROM provider p WHERE p.municipality_id = $1 AND p.external_id IS NOT NULL`,
  teams: `SELECT t.id, t.external_id AS key, p.external_id AS "providerId", d.code AS "districtId", t.name, t.area
    FROM team t JOIN provider p ON p.municipality_id = t.municipality_id AND p.id = t.provider_id
      LEFT JOIN district d ON d.municipality_id = t.municipality_id AND d.id = t.district_id
    WHERE t.municipality_id = $1 AND t.external_id IS NOT NULL`,
  customers: `SELECT c.id, c.external_id AS key, d.code AS "districtId", c.given_name AS "givenName",
      c.family_name AS "familyName"
    FROM customer c JOIN district d ON d.municipality_id = c.municipality_id AND d.id = c.district_id
    WHERE c.municipality_id = $1 AND c.external_id IS NOT NULL`,
  services: `SELECT s.id, s.external_id AS key, c.external_id AS "customerId", s.service,
      p.external_id AS "providerId", ${day('s.starts_on')} AS "startsOn", ${day('s.ends_on')} AS "endsOn"
    FROM customer_service s JOIN customer c ON c.municipality_id = s.municipality_id AND c.id = s.customer_id
      JOIN provider p ON p.municipality_id = s.municipality_id AND p.id = s.provider_id
    WHERE s.municipality_id = $1 AND s.external_id IS NOT NULL`,
  staff: `SELECT s.id, s.external_id AS key, p.external_id AS "providerId", s.given_name AS "givenName",
      s.family_name AS "familyName", s.employee_number AS "employeeNumber", s.occupation,
      ${day('s.employment_starts_on')} AS "employmentStartsOn", ${day('s.employment_ends_on')} AS "employmentEndsOn"
    FROM staff_member s JOIN provider p ON p.municipality_id = s.municipality_id AND p.id = s.provider_id
    WHERE s.municipality_id = $1 AND s.external_id IS NOT NULL`,
  memberships: `SELECT m.id, m.external_id AS key, t.external_id AS "teamId", s.external_id AS "staffMemberId",
      m.valid_from AS "validFrom", m.valid_until AS "validUntil"
    FROM team_membership m JOIN team t ON t.municipality_id = m.municipality_id AND t.id = m.team_id
      JOIN staff_member s ON s.municipality_id = m.municipality_id AND s.id = m.staff_member_id
    WHERE m.municipality_id = $1 AND m.external_id IS NOT NULL`,
  assignments: `SELECT a.id, a.external_id AS key, t.external_id AS "teamId", c.external_id AS "customerId",
      a.valid_from AS "validFrom", a.valid_until AS "validUntil", a.reason
    FROM team_customer a JOIN team t ON t.municipality_id = a.municipality_id AND t.id = a.team_id
      JOIN customer c ON c.municipality_id = a.municipality_id AND c.id = a.customer_id
    WHERE a.municipality_id = $1 AND a.external_id IS NOT NULL`,
  // Every planned visit has the care system's id (the care-plan route takes it too).
  plannedVisits: `SELECT v.id, v.external_id AS key, c.external_id AS "customerId", p.external_id AS "providerId",
      v.services, v.planned_minutes AS "plannedMinutes", v.staff_count AS "staffCount",
      v.window_starts_at AS "windowStart", v.window_ends_at AS "windowEnd"
    FROM planned_visit v JOIN customer c ON c.municipality_id = v.municipality_id AND c.id = v.customer_id
      JOIN provider p ON p.municipality_id = v.municipality_id AND p.id = v.provider_id
    WHERE v.municipality_id = $1`,
  // Granted time has no id of its own: customer, service and month are its key (findImportKey).
  grantedTime: `SELECT g.customer_id || ' ' || g.service || ' ' || ${day('g.month')} AS id,
      c.external_id || ' ' || g.service || ' ' || to_char(g.month, 'YYYY-MM') AS key, c.external_id AS "customerId",
      g.service, to_char(g.month, 'YYYY-MM') AS month, g.minutes, g.decision_reference AS "decisionReference"
    FROM granted_time g JOIN customer c ON c.municipality_id = g.municipality_id AND c.id = g.customer_id
    WHERE g.municipality_id = $1 AND c.external_id IS NOT NULL`,
};

/** Rows as read; the caller normalises values with core's `normaliseImportValue`. */
export async function readImportedRecords(
  db: Queryable,
  municipalityId: string,
  kinds: readonly ImportKind[],
): Promise<Array<Omit<ExistingRecord, 'values'> & { values: Record<string, unknown> }>> {
  const records: Array<Omit<ExistingRecord, 'values'> & { values: Record<string, unknown> }> = [];
  for (const kind of kinds) {
    const { rows } = await db.query<Record<string, unknown>>(selects[kind], [municipalityId]);
    for (const { id, key, ...values } of rows)
      records.push({ kind, id: String(id), key: String(key), values });
  }
  return records;
}
