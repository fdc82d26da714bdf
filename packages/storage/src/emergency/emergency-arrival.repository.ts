// The locksmith's single-use arrival links (R9.2): only each random token's SHA-256 is stored,
// and what the link shows is read here with nothing joined from the customer but their way in.
import type { Queryable } from '../platform/queryable';
import { createLinkFinder } from '../platform/single-use-link';
import { createLinkInsert, type LinkRecord } from '../platform/single-use-link-insert';
import { createStatement } from '../platform/statements';

export const insertArrivalLink = createLinkInsert(
  'INSERT INTO emergency_arrival_link (municipality_id, token_hash, emergency_opening_id, created_at, expires_at)',
  'emergencyId',
);

export interface ArrivalLinkRecord extends LinkRecord {
  emergencyId: string;
  supportCaseId: string;
  locksmithCompanyName: string | null;
  usedAt: Date | null;
  assignedAt: Date | null;
  dueAt: Date | null;
  onSiteAt: Date | null;
  doorOpenedAt: Date | null;
  closedAt: Date | null;
  version: number;
}

/**
 * The link with this hash and its emergency's state; with `isLocking`, both rows are locked. The
 * locksmith holds only the link's random token, so this is the one read before the municipality
 * is known.
 */
export const findArrivalLink = createLinkFinder<ArrivalLinkRecord>(
  `SELECT a.emergency_opening_id AS "emergencyId", e.municipality_id AS "municipalityId",
     e.support_case_id AS "supportCaseId", lc.name AS "locksmithCompanyName",
     a.expires_at AS "expiresAt", a.used_at AS "usedAt", e.assigned_at AS "assignedAt", e.due_at AS "dueAt",
     e.on_site_at AS "onSiteAt", e.door_opened_at AS "doorOpenedAt", e.closed_at AS "closedAt", e.version
   FROM emergency_arrival_link a
   JOIN emergency_opening e ON e.municipality_id = a.municipality_id AND e.id = a.emergency_opening_id
   LEFT JOIN locksmith_company lc ON lc.municipality_id = e.municipality_id AND lc.id = e.locksmith_company_id
   WHERE a.token_hash = $1 /* sharding: a locksmith's arrival link names only its random token (a broadcast, like a session's) */`,
  'FOR UPDATE OF a, e',
);

export const markArrivalLinkUsed = createStatement<[municipalityId: string, tokenHash: Buffer, at: Date]>(
  'UPDATE emergency_arrival_link SET used_at = $3 WHERE municipality_id = $1 AND token_hash = $2',
);

export interface ArrivalViewRecord {
  streetAddress: string;
  postalCode: string | null;
  city: string | null;
  doors: Array<{ label: string; kind: string; floor: number | null }>;
}

/**
 * The address and the doors from the street to the one that would not open: the customer's
 * access path up to that door (just the door when it is not on the path). Deliberately no name,
 * identity number, provider or other customer.
 */
export async function readArrivalView(
  db: Queryable,
  municipalityId: string,
  emergencyId: string,
): Promise<ArrivalViewRecord> {
  const { rows } = await db.query<ArrivalViewRecord>(
    `WITH e AS (SELECT customer_id, door_id FROM emergency_opening WHERE municipality_id = $2 AND id = $1),
     target AS (SELECT a.position FROM access_path_step a, e
                WHERE a.municipality_id = $2 AND a.customer_id = e.customer_id AND a.door_id = e.door_id),
     path AS (
       SELECT a.position, a.door_id FROM access_path_step a, e, target
       WHERE a.municipality_id = $2 AND a.customer_id = e.customer_id AND a.position <= target.position
       UNION ALL
       SELECT 0, e.door_id FROM e WHERE NOT EXISTS (SELECT 1 FROM target)
     )
     SELECT p.street_address AS "streetAddress", p.postal_code AS "postalCode", p.city,
       (SELECT json_agg(json_build_object('label', d2.label, 'kind', d2.kind, 'floor', d2.floor) ORDER BY path.position)
        FROM path JOIN door d2 ON d2.municipality_id = $2 AND d2.id = path.door_id) AS doors
     FROM e JOIN door d ON d.municipality_id = $2 AND d.id = e.door_id
     JOIN property p ON p.municipality_id = d.municipality_id AND p.id = d.property_id`,
    [emergencyId, municipalityId],
  );
  return rows[0]!;
}
