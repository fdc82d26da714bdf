import type {
  AreaRuleFact,
  MembershipFact,
  PermissionFacts,
  ProviderFact,
  Scope,
  ServiceAssignmentFact,
  StaffFact,
  TeamCustomerFact,
  TeamFact,
} from '@portvakt/core';
import { readVisitWindowSettings, servedFromToday, sharedDoorKinds } from '@portvakt/core';
import type pg from 'pg';
import { isMunicipalStaffCondition, recordedAccountName } from '../platform/named-account';
import { withTransaction } from '../platform/transaction';
import { createLookupByIds, hasAnyRow, namedStatement, Params, type Queryable } from '../platform/queryable';
import { scopeCondition, serviceDuring } from '../registry/index';

/**
 * The current version of one municipality's permission facts; changes in the same transaction as
 * any of its facts, and only with its own (0039). 0 for a municipality that does not exist.
 */
export async function readPermissionFactsVersion(
  db: Pick<pg.Pool, 'query'>,
  municipalityId: string,
): Promise<number> {
  const { rows } = await db.query<{ version: number }>(
    'SELECT version FROM municipality_permission_version WHERE municipality_id = $1',
    [municipalityId],
  );
  return rows[0]?.version ?? 0;
}

/**
 * The facts version and whether customer `customerId` is inside `scope` (the registry's own rule,
 * as a read of the customer would apply it), in one round trip: who-can-open needs both first.
 */
export async function readCustomerPermissionContext(
  db: Queryable,
  scope: Scope,
  customerId: string,
): Promise<{ version: number; isVisible: boolean }> {
  const params = new Params();
  const where = scopeCondition('customer', scope, params);
  const m = params.add(scope.municipalityId);
  const { rows } = await db.query<{ version: number; isVisible: boolean }>(
    namedStatement(
      'customer-permission-context',
      `SELECT (SELECT version FROM municipality_permission_version WHERE municipality_id = ${m}) AS version,
       EXISTS (SELECT 1 FROM customer t WHERE t.municipality_id = ${m} AND t.id = ${params.add(customerId)} AND ${where}) AS "isVisible"`,
      params.values,
    ),
  );
  return rows[0]!;
}

/**
 * The SQL condition "door `door` (a column) is within provider `p`'s reach": on the way in to a
 * customer the provider serves (`served`, the registry's date rule); a shared room (laundry, waste
 * room, medicine cabinet, electrical room) in a building such a customer lives in or passes
 * through; or a door on no customer's way in that its teams or staff hold a grant for (a shared
 * room elsewhere). A door on the way in to customers it does not serve is never within it, even
 * with a grant: explaining or granting it would name who lives there (R2).
 */
function doorWithinReach(
  door: string,
  m: string,
  p: string,
  scope: Extract<Scope, { kind: 'provider' }>,
  params: Params,
): string {
  const served = (cs: string) => serviceDuring(cs, p, scope.servedDuring ?? servedFromToday, params);
  return `(EXISTS (SELECT 1 FROM access_path_step s
            JOIN customer_service cs ON cs.municipality_id = s.municipality_id AND cs.customer_id = s.customer_id
            WHERE s.municipality_id = ${m} AND s.door_id = ${door}.id AND ${served('cs')})
    OR (${door}.kind = ANY(${params.add([...sharedDoorKinds])}::text[]) AND EXISTS (
          SELECT 1 FROM customer c
          JOIN customer_service rcs ON rcs.municipality_id = c.municipality_id AND rcs.customer_id = c.id
          WHERE c.municipality_id = ${m} AND ${served('rcs')}
            AND (c.residence_property_id = ${door}.property_id
              OR EXISTS (SELECT 1 FROM access_path_step rs
                         JOIN door rd ON rd.municipality_id = rs.municipality_id AND rd.id = rs.door_id
                         WHERE rs.municipality_id = ${m} AND rs.customer_id = c.id AND rd.property_id = ${door}.property_id))))
    OR (NOT EXISTS (SELECT 1 FROM access_path_step ns WHERE ns.municipality_id = ${m} AND ns.door_id = ${door}.id)
        AND (EXISTS (SELECT 1 FROM shared_door_grant g
                     LEFT JOIN team t ON t.municipality_id = g.municipality_id AND t.id = g.team_id
                     LEFT JOIN staff_member m ON m.municipality_id = g.municipality_id AND m.id = g.staff_member_id
                     WHERE g.municipality_id = ${m} AND g.door_id = ${door}.id AND (t.provider_id = ${p} OR m.provider_id = ${p}))
          OR EXISTS (SELECT 1 FROM access_grant g
                     JOIN staff_member m ON m.municipality_id = g.municipality_id AND m.id = g.staff_member_id
                     WHERE g.municipality_id = ${m} AND g.door_id = ${door}.id AND m.provider_id = ${p}))))`;
}

/**
 * Whether lock `lockId` is one `scope` may ask `explain` about. Municipality-wide roles: any lock
 * of the municipality. A provider (work lead): a lock on a door within its reach
 * (`doorWithinReach`). One query either way, so a lock outside the scope costs the same as one
 * that does not exist and cannot be told apart by the answer or its timing.
 */
export async function isLockInScope(db: Queryable, scope: Scope, lockId: string): Promise<boolean> {
  const params = new Params();
  const m = params.add(scope.municipalityId);
  let where = `l.id = ${params.add(lockId)}`;
  if (scope.kind === 'provider') {
    const p = params.add(scope.providerId);
    where += ` AND EXISTS (SELECT 1 FROM door d WHERE d.municipality_id = ${m} AND d.id = l.door_id
      AND ${doorWithinReach('d', m, p, scope, params)})`;
  } else if (scope.kind !== 'municipality') {
    // Fails closed: no other scope kind may explain.
    return false;
  }
  return hasAnyRow(
    db,
    `SELECT 1 FROM lock_device l WHERE l.municipality_id = ${m} AND ${where}`,
    params.values,
  );
}

/**
 * Whether a provider-scoped writer (a work lead) may name door `doorId` in a grant: a door within
 * its reach (`doorWithinReach`). Any other door, another provider's customer's apartment door
 * among them, is answered like one that does not exist, in one query either way, so a grant
 * cannot probe which doors exist or what they are (R2).
 */
export async function isDoorWithinProviderReach(
  db: Queryable,
  scope: Extract<Scope, { kind: 'provider' }>,
  doorId: string,
): Promise<boolean> {
  const params = new Params();
  const m = params.add(scope.municipalityId);
  const p = params.add(scope.providerId);
  return hasAnyRow(
    db,
    `SELECT 1 FROM door d WHERE d.municipality_id = ${m} AND d.id = ${params.add(doorId)}
      AND ${doorWithinReach('d', m, p, scope, params)}`,
    params.values,
  );
}

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

/** A fact as its table returns it: every column present (null when empty), validity as timestamps. */
type StoredFact<T> = Omit<Required<T>, 'validFrom' | 'validUntil'> & {
  validFrom: Date;
  validUntil: Date | null;
};

/** Validity as the facts carry it: ISO instants, an open end as null. */
function withIsoValidity<T extends { validFrom: Date; validUntil: Date | null }>({
  validFrom,
  validUntil,
  ...row
}: T): Omit<T, 'validFrom' | 'validUntil'> & { validFrom: string; validUntil: string | null } {
  return { ...row, validFrom: validFrom.toISOString(), validUntil: iso(validUntil) };
}

/**
 * The names of accounts by `key` (their id, or the username a record keeps), as a reader may be
 * told them: a provider's work lead (`readerProviderId`) the municipality's own staff and their
 * own provider's people; the municipality's own roles (null), who read the audit trail with every
 * name, every name. An account without a name, or not told, is absent.
 */
const accountNamesBy = (key: 'id' | 'username') =>
  createLookupByIds<string, [municipalityId: string, readerProviderId: string | null]>(
    `SELECT u.${key}, btrim(u.display_name) FROM user_account u
     WHERE u.municipality_id = $1 AND btrim(u.display_name) <> ''
       AND ($2::uuid IS NULL OR ${isMunicipalStaffCondition('u')} OR u.provider_id = $2::uuid)
       AND u.${key} = ANY($3::${key === 'id' ? 'uuid' : 'text'}[])`,
  );

/** The names of the accounts behind permission changes (audit entries' actor_user_id), by id. */
export const readPermissionChangerNames = accountNamesBy('id');

/** The names of the accounts that gave grants, by the usernames the grants keep. */
export const readGranterNames = accountNamesBy('username');

/**
 * Who gave a grant (`alias`.granted_by, a username) as explain's reasons name them: the account's
 * name while it is the municipality's own staff or belongs to the grant's provider (`ownProvider`,
 * alias `n`), the only accounts whose names every reader of the grantee's reasons may know (a
 * work lead reads about their own provider's staff only); else the username on record.
 */
function granterName(alias: string, ownProvider: string): string {
  return `coalesce(${recordedAccountName(alias, `${alias}.granted_by`, ownProvider)}, ${alias}.granted_by)`;
}

/**
 * Loads every fact the permission compiler needs for one municipality, from one consistent
 * snapshot (REPEATABLE READ), together with the version it corresponds to.
 */
export async function loadPermissionFacts(
  pool: pg.Pool,
  municipalityId: string,
): Promise<{ version: number; facts: PermissionFacts }> {
  return withTransaction(pool, (client) => readPermissionFacts(client, municipalityId), {
    mode: 'ISOLATION LEVEL REPEATABLE READ READ ONLY',
  });
}

/** Every fact of one municipality, read on `client` (inside loadPermissionFacts' snapshot). */
async function readPermissionFacts(
  client: pg.PoolClient,
  municipalityId: string,
): Promise<{ version: number; facts: PermissionFacts }> {
  const version = await readPermissionFactsVersion(client, municipalityId);
  const q = async <T extends pg.QueryResultRow>(sql: string): Promise<T[]> =>
    (await client.query<T>(sql, [municipalityId])).rows;
  const [municipality] = await q<{ settings: { timeZone?: string } & Record<string, unknown> }>(
    'SELECT settings FROM municipality WHERE id = $1',
  );
  const districts = await q<{ id: string; name: string }>(
    'SELECT id, name FROM district WHERE municipality_id = $1',
  );
  const customers = await q<{
    id: string;
    name: string;
    districtId: string;
    hasRefusedLock: boolean;
    visitWindowMode: boolean | null;
  }>(
    `SELECT id, given_name || ' ' || family_name AS name, district_id AS "districtId", has_refused_lock AS "hasRefusedLock",
         visit_window_mode AS "visitWindowMode"
       FROM customer WHERE municipality_id = $1`,
  );
  const services = await q<Required<ServiceAssignmentFact>>(
    `SELECT id, customer_id AS "customerId", service, provider_id AS "providerId", starts_on AS "startsOn", ends_on AS "endsOn"
       FROM customer_service WHERE municipality_id = $1`,
  );
  const providers = await q<Required<ProviderFact>>(
    `SELECT id, name, kinds, service_windows AS "serviceWindows" FROM provider WHERE municipality_id = $1`,
  );
  const teams = await q<Required<TeamFact>>(
    `SELECT id, provider_id AS "providerId", name, district_id AS "districtId", area FROM team WHERE municipality_id = $1`,
  );
  const teamCustomers = await q<StoredFact<TeamCustomerFact>>(
    `SELECT team_id AS "teamId", customer_id AS "customerId", valid_from AS "validFrom", valid_until AS "validUntil"
       FROM team_customer WHERE municipality_id = $1`,
  );
  const memberships = await q<StoredFact<MembershipFact>>(
    `SELECT id, staff_member_id AS "staffId", team_id AS "teamId", valid_from AS "validFrom", valid_until AS "validUntil"
       FROM team_membership WHERE municipality_id = $1`,
  );
  const staff = await q<Required<StaffFact>>(
    `SELECT id, provider_id AS "providerId", given_name || ' ' || family_name AS name,
         employment_starts_on AS "employmentStartsOn", employment_ends_on AS "employmentEndsOn"
       FROM staff_member WHERE municipality_id = $1`,
  );
  const areaRules = await q<StoredFact<AreaRuleFact>>(
    `SELECT id, team_id AS "teamId", district_id AS "districtId", service, valid_from AS "validFrom", valid_until AS "validUntil"
       FROM area_rule WHERE municipality_id = $1`,
  );
  const grants = await q<{
    id: string;
    staffId: string;
    customerId: string | null;
    doorId: string | null;
    validFrom: Date;
    validUntil: Date;
    reason: string;
    grantedBy: string;
  }>(
    `SELECT g.id, g.staff_member_id AS "staffId", g.customer_id AS "customerId", g.door_id AS "doorId",
         g.valid_from AS "validFrom", g.valid_until AS "validUntil", g.reason,
         ${granterName('g', 'n.provider_id = s.provider_id')} AS "grantedBy"
       FROM access_grant g JOIN staff_member s ON s.municipality_id = g.municipality_id AND s.id = g.staff_member_id
       WHERE g.municipality_id = $1`,
  );
  const sharedDoorGrants = await q<{
    id: string;
    doorId: string;
    teamId: string | null;
    staffId: string | null;
    validFrom: Date;
    validUntil: Date | null;
    reason: string | null;
    grantedBy: string;
  }>(
    `SELECT g.id, g.door_id AS "doorId", g.team_id AS "teamId", g.staff_member_id AS "staffId",
         g.valid_from AS "validFrom", g.valid_until AS "validUntil", g.reason,
         ${granterName('g', 'n.provider_id = coalesce(x.provider_id, s.provider_id)')} AS "grantedBy"
       FROM shared_door_grant g
       LEFT JOIN team x ON x.municipality_id = g.municipality_id AND x.id = g.team_id
       LEFT JOIN staff_member s ON s.municipality_id = g.municipality_id AND s.id = g.staff_member_id
       WHERE g.municipality_id = $1`,
  );
  const paths = await q<{ customerId: string; doorIds: string[] }>(
    `SELECT s.customer_id AS "customerId", array_agg(s.door_id ORDER BY s.position) AS "doorIds"
       FROM access_path_step s JOIN customer c ON c.municipality_id = s.municipality_id AND c.id = s.customer_id
       WHERE c.municipality_id = $1 GROUP BY s.customer_id`,
  );
  const doors = await q<{ id: string; kind: never; label: string }>(
    'SELECT id, kind, label FROM door WHERE municipality_id = $1',
  );
  const locks = await q<{ id: string; doorId: string; number: number | null }>(
    `SELECT id, door_id AS "doorId", lock_number AS number FROM lock_device
       WHERE municipality_id = $1 AND status = 'installed' AND door_id IS NOT NULL`,
  );
  return {
    version,
    facts: {
      ...(municipality?.settings.timeZone ? { timeZone: municipality.settings.timeZone } : {}),
      ...(readVisitWindowSettings(municipality?.settings).isEnabled ? { visitWindowMode: true } : {}),
      districts,
      // A customer's own visit-window setting only where it is set, so facts without the mode stay as they were.
      customers: customers.map(({ visitWindowMode, ...customer }) =>
        visitWindowMode === null ? customer : { ...customer, visitWindowMode },
      ),
      services,
      providers,
      teams,
      teamCustomers: teamCustomers.map(withIsoValidity),
      memberships: memberships.map(withIsoValidity),
      staff,
      areaRules: areaRules.map(withIsoValidity),
      individualGrants: grants.map(({ customerId, doorId, ...row }) => ({
        ...row,
        ...(customerId ? { customerId } : {}),
        ...(doorId ? { doorId } : {}),
        validFrom: row.validFrom.toISOString(),
        validUntil: row.validUntil.toISOString(),
      })),
      sharedDoorGrants: sharedDoorGrants.map(({ teamId, staffId, reason, ...row }) => ({
        ...row,
        ...(teamId ? { teamId } : {}),
        ...(staffId ? { staffId } : {}),
        ...(reason ? { reason } : {}),
        ...withIsoValidity(row),
      })),
      accessPaths: paths,
      doors,
      locks: locks.map(({ number, ...row }) => ({ ...row, ...(number ? { number } : {}) })),
    },
  };
}
