// Reading and changing support cases inside a scope (docs/support.md "Support cases"). The case
// stores its raiser's organisation, and the scope is turned into SQL here, so that a case outside
// it is never read: to its caller it does not exist, in lists, counts and pages alike.
import {
  ownerVisibleDoorKinds,
  type CustomerDoors,
  servedFromToday,
  substitutedField,
  type Scope,
  type SupportLinkField,
  type SupportLinkReach,
} from '@portvakt/core';
import { optionalConditions, selectKeysetPage, type KeysetPosition } from '../platform/keyset-page';
import { isMunicipalStaffCondition } from '../platform/named-account';
import { createFirstRowQuery, createRowsQuery, Params, type Queryable } from '../platform/queryable';
import { createIsoRowsQuery, withIsoPositionedDates, type PositionedRow } from '../platform/rows';
import {
  assigneeCondition,
  createScopedRowFinder,
  narrowedScopeCondition,
  serviceDuring,
  toColumn,
} from '../registry';

/**
 * The condition keeping cases (`t`) inside `scope`: the municipality's roles see all; a provider
 * the cases its people raised; a property owner its own; a staff member those their account
 * raised; an installer those raised by or assigned to their account, or raised by their company.
 */
export function supportCaseScopeCondition(scope: Scope, params: Params): string {
  return narrowedScopeCondition(scope, params, 'support cases', {
    provider: ({ providerId }) => `t.provider_id = ${params.add(providerId)}`,
    owner: ({ propertyOwnerId }) => `t.property_owner_id = ${params.add(propertyOwnerId)}`,
    self: (self) =>
      `t.provider_id = ${params.add(self.providerId)} AND t.raised_by_user_id IN
        (SELECT u.id FROM user_account u WHERE u.municipality_id = ${params.add(self.municipalityId)}
          AND u.staff_member_id = ${params.add(self.staffMemberId)})`,
    assignee: (assignee) =>
      assigneeCondition(
        assignee,
        params,
        ['t.raised_by_user_id', 't.assigned_user_id'],
        't.locksmith_company_id',
      ),
  });
}

/**
 * The account (`alias`) whose id is in `userIdColumn`, joined for its name only while it belongs to
 * the organisation the case (`t`) is stored under, or is the municipality's own staff (whose names
 * a case shows as its assignees): every reader outside the municipality reads only its own
 * organisation's cases, so a name (the raiser's, a timeline entry's author's) never tells a reader
 * about another organisation's people, even one who has moved.
 */
const caseAccountJoin = (alias: string, userIdColumn: string) =>
  `LEFT JOIN user_account ${alias} ON ${alias}.municipality_id = t.municipality_id AND ${alias}.id = ${userIdColumn}
       AND (${isMunicipalStaffCondition(alias)} OR ${alias}.provider_id = t.provider_id OR ${alias}.property_owner_id = t.property_owner_id
         OR ${alias}.locksmith_company_id = t.locksmith_company_id)`;

const raiserJoin = caseAccountJoin('r', 't.raised_by_user_id');

const summaryColumns = `t.id, t.reference, t.category, t.priority, t.status, t.title,
  t.title_kind AS "titleKind", t.title_params AS "titleParams",
  t.is_emergency AS "isEmergency", t.raised_by AS "raisedBy", t.raised_by_role AS "raisedByRole",
  NULLIF(btrim(r.display_name), '') AS "raisedByName",
  t.assigned_user_id AS "assignedUserId", a.display_name AS "assignedUserName",
  t.created_at AS "createdAt", t.updated_at AS "updatedAt", t.resolved_at AS "resolvedAt", t.version`;

export interface SupportCaseFilter {
  status?: string | undefined;
  category?: string | undefined;
  priority?: string | undefined;
  /** An account id, or null for unassigned. */
  assignedUserId?: string | null | undefined;
  raisedByUserId?: string | undefined;
  isEmergency?: boolean | undefined;
}

function filterConditions(scope: Scope, filter: SupportCaseFilter, params: Params): string[] {
  return [
    supportCaseScopeCondition(scope, params),
    ...optionalConditions(params, [
      ['t.status = ?', filter.status],
      ['t.category = ?', filter.category],
      ['t.priority = ?', filter.priority],
      ['t.assigned_user_id = ?', filter.assignedUserId],
      ['t.raised_by_user_id = ?', filter.raisedByUserId],
      ['t.is_emergency = ?', filter.isEmergency],
    ]),
    ...(filter.assignedUserId === null ? ['t.assigned_user_id IS NULL'] : []),
  ];
}

/**
 * A page of cases inside `scope`, newest first, after `after` (the last row of the page before),
 * with each row's position for the next page's cursor.
 */
export async function listSupportCases(
  db: Queryable,
  scope: Scope,
  filter: SupportCaseFilter & { after?: KeysetPosition | undefined; limit: number },
): Promise<PositionedRow[]> {
  const params = new Params();
  // The municipality's row joined by parameter: the scope condition names it too, but in the
  // WHERE clause the keyset helper writes, out of this statement's sight (docs/sharding.md).
  const rows = await selectKeysetPage<PositionedRow>(db, params, {
    select: `SELECT ${summaryColumns}, to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position
     FROM support_case t JOIN municipality m ON t.municipality_id = m.id AND m.id = ${params.add(scope.municipalityId)}
       LEFT JOIN user_account a ON a.municipality_id = t.municipality_id AND a.id = t.assigned_user_id
       ${raiserJoin}`,
    where: filterConditions(scope, filter, params),
    order: { key: 't.created_at', cast: 'timestamptz', direction: 'DESC' },
    after: filter.after,
    limit: filter.limit,
  });
  return rows.map(withIsoPositionedDates);
}

/** How many cases inside `scope` match `filter`: never more than the caller could page through. */
export async function countSupportCases(
  db: Queryable,
  scope: Scope,
  filter: SupportCaseFilter,
): Promise<number> {
  const params = new Params();
  const where = filterConditions(scope, filter, params);
  const { rows } = await db.query<{ count: string }>(
    `SELECT count(*) FROM support_case t WHERE t.municipality_id = ${params.add(scope.municipalityId)} AND ${where.join(' AND ')}`,
    params.values,
  );
  return Number(rows[0]!.count);
}

/**
 * One case inside `scope` with the things it is about (the customer named only as
 * `customerVisibility` allows; the lock's serial as `/locks` shows it to the scope, a property
 * owner's being the lock's owner reference, R2.7; the counted reference of a case made before
 * migration 0064 to the municipality's scope only); undefined when unknown or out of scope.
 * `isForUpdate` locks the case until the transaction ends, so a change is judged on the state it
 * changes.
 */
export const findSupportCase = createScopedRowFinder(
  supportCaseScopeCondition,
  (
    customerSeen,
    municipality,
    scope,
  ) => `SELECT ${summaryColumns}, t.description, t.municipality_id AS "municipalityId",
       ${scope.kind === 'municipality' ? 't.former_reference' : 'NULL::text'} AS "formerReference",
       t.lock_device_id AS "lockDeviceId", l.${toColumn(substitutedField('lock_device', scope.kind, 'serial'))} AS "lockSerial",
       t.digital_key_id AS "digitalKeyId", k.serial AS "keySerial",
       t.door_id AS "doorId", d.label AS "doorLabel", p.street_address AS "streetAddress",
       CASE WHEN ${customerSeen} THEN t.customer_id END AS "customerId",
       CASE WHEN ${customerSeen} THEN c.given_name || ' ' || c.family_name END AS "customerName"
     FROM support_case t
     LEFT JOIN user_account a ON a.municipality_id = t.municipality_id AND a.id = t.assigned_user_id
     ${raiserJoin}
     LEFT JOIN lock_device l ON l.municipality_id = t.municipality_id AND l.id = t.lock_device_id
     LEFT JOIN digital_key k ON k.municipality_id = t.municipality_id AND k.id = t.digital_key_id
     LEFT JOIN door d ON d.municipality_id = t.municipality_id AND d.id = t.door_id
     LEFT JOIN property p ON p.municipality_id = d.municipality_id AND p.id = d.property_id
     LEFT JOIN customer c ON c.municipality_id = t.municipality_id AND c.id = t.customer_id
     WHERE t.municipality_id = ${municipality}`,
);

/**
 * A case's timeline, oldest first, each entry's author named (`authorName`, a blank name as null)
 * as the case names its raiser: only while the author belongs to the case's organisation or the
 * municipality's staff.
 */
export const listSupportCaseNotes = createIsoRowsQuery<[municipalityId: string, supportCaseId: string]>(
  `SELECT n.id::int, n.kind, n.body, n.from_value AS "fromValue", n.to_value AS "toValue", n.params,
     n.author_kind AS "authorKind", n.author,
     CASE WHEN n.author_kind = 'actor' THEN NULLIF(btrim(u.display_name), '') END AS "authorName", n.at
   FROM support_case_note n
   JOIN support_case t ON t.municipality_id = n.municipality_id AND t.id = n.support_case_id
   ${caseAccountJoin('u', 'n.author_user_id')}
   WHERE n.municipality_id = $1 AND n.support_case_id = $2 ORDER BY n.id`,
);

export interface SupportCaseFields {
  status?: string | undefined;
  priority?: string | undefined;
  assignedUserId?: string | null | undefined;
}

/**
 * Sets the given fields of a case still at `expectedVersion`, bumping its version; a case
 * resolved or closed keeps the first time it was, reopened it loses it. Returns false when the
 * case changed meanwhile (the caller answers version_conflict).
 */
export async function updateSupportCase(
  db: Queryable,
  change: {
    municipalityId: string;
    id: string;
    expectedVersion: number;
    fields: SupportCaseFields;
    at: Date;
  },
): Promise<boolean> {
  const params = new Params();
  const municipality = params.add(change.municipalityId);
  const id = params.add(change.id);
  const version = params.add(change.expectedVersion);
  const at = params.add(change.at);
  const sets = ['version = version + 1', `updated_at = ${at}`];
  const { fields } = change;
  if (fields.status !== undefined) {
    const status = params.add(fields.status);
    sets.push(
      `status = ${status}`,
      `resolved_at = CASE WHEN ${status} IN ('resolved', 'closed') THEN coalesce(resolved_at, ${at}) END`,
    );
  }
  if (fields.priority !== undefined) sets.push(`priority = ${params.add(fields.priority)}`);
  if (fields.assignedUserId !== undefined)
    sets.push(`assigned_user_id = ${params.add(fields.assignedUserId)}`);
  const { rowCount } = await db.query(
    `UPDATE support_case SET ${sets.join(', ')} WHERE municipality_id = ${municipality} AND id = ${id} AND version = ${version}`,
    params.values,
  );
  return rowCount === 1;
}

/**
 * The links of a new case that lie outside the raiser's reach (or do not exist): each id is
 * looked up only where `reach` lets the raiser look, so an unknown id and one out of reach are
 * answered alike. Fields without a reach are the caller's to refuse before.
 */
export async function findSupportLinksOutOfReach(
  db: Queryable,
  municipalityId: string,
  links: Partial<Record<SupportLinkField, string | undefined>>,
  reach: Record<SupportLinkField, SupportLinkReach | null>,
): Promise<SupportLinkField[]> {
  const params = new Params();
  const m = params.add(municipalityId);
  const kinds = `ARRAY[${ownerVisibleDoorKinds.map((kind) => `'${kind}'`).join(', ')}]`;
  const served = (providerId: string) => serviceDuring('cs', params.add(providerId), servedFromToday, params);
  /** Door `door` is on the way in to a customer the provider serves (R2.4). */
  const onServedPath = (door: string, providerId: string) =>
    `EXISTS (SELECT 1 FROM access_path_step s
         JOIN customer_service cs ON cs.municipality_id = s.municipality_id AND cs.customer_id = s.customer_id
       WHERE s.municipality_id = ${m} AND s.door_id = ${door} AND ${served(providerId)})`;
  const ownersDoor = (door: string, ownerId: string) =>
    `EXISTS (SELECT 1 FROM door d JOIN property p ON p.municipality_id = d.municipality_id AND p.id = d.property_id
       WHERE d.municipality_id = ${m} AND d.id = ${door} AND d.kind = ANY(${kinds}) AND p.owner_id = ${params.add(ownerId)})`;
  const providerOf = (r: SupportLinkReach) =>
    r.kind === 'provider' || r.kind === 'holder' ? r.providerId : '';
  /** Row `id` of `table` (`x`) is the municipality's and, as `narrow` says, within reach. */
  const reached =
    (table: string, narrow: (r: SupportLinkReach) => string) => (id: string, r: SupportLinkReach) =>
      `EXISTS (SELECT 1 FROM ${table} x WHERE x.id = ${id} AND x.municipality_id = ${m}${narrow(r)})`;
  /** A door (or a lock's door) is reached by its owner, or on the way in to a served customer. */
  const doorReached = (door: string) => (r: SupportLinkReach) =>
    r.kind === 'owner'
      ? ` AND ${ownersDoor(door, r.propertyOwnerId)}`
      : r.kind === 'municipality'
        ? ''
        : ` AND ${onServedPath(door, providerOf(r))}`;
  const checks: Partial<Record<SupportLinkField, (id: string, r: SupportLinkReach) => string>> = {
    customerId: reached('customer', (r) =>
      r.kind === 'municipality'
        ? ''
        : ` AND EXISTS (SELECT 1 FROM customer_service cs
            WHERE cs.municipality_id = ${m} AND cs.customer_id = x.id AND ${served(providerOf(r))})`,
    ),
    digitalKeyId: reached('digital_key', (r) =>
      r.kind === 'provider'
        ? ` AND x.provider_id = ${params.add(r.providerId)}`
        : r.kind === 'holder'
          ? ` AND x.holder_staff_member_id = ${params.add(r.staffMemberId)}`
          : '',
    ),
    doorId: reached('door', doorReached('x.id')),
    lockDeviceId: reached('lock_device', doorReached('x.door_id')),
  };
  const columns: string[] = [];
  const asked: SupportLinkField[] = [];
  for (const [field, id] of Object.entries(links) as [SupportLinkField, string | undefined][]) {
    const r = reach[field];
    if (id === undefined || r === null) continue;
    asked.push(field);
    columns.push(`${checks[field]!(`${params.add(id)}::uuid`, r)} AS "${field}"`);
  }
  if (columns.length === 0) return [];
  const { rows } = await db.query<Record<SupportLinkField, boolean>>(
    `SELECT ${columns.join(', ')}`,
    params.values,
  );
  return asked.filter((field) => !rows[0]![field]);
}

/**
 * What core's `judgeCaseLinks` judges a new case's links on: the doors of the customer's
 * way in and their apartment door, and the door the named lock sits on (null without one), all of
 * the municipality only. The caller has checked each id is within the raiser's reach.
 */
export const readCaseCustomerDoors = createFirstRowQuery<
  CustomerDoors & { lockDoorId: string | null },
  [municipalityId: string, customerId: string | null, lockDeviceId: string | null]
>(`SELECT ARRAY(SELECT s.door_id FROM access_path_step s
           WHERE s.municipality_id = $1 AND s.customer_id = $2 ORDER BY s.position) AS "pathDoorIds",
   (SELECT c.apartment_door_id FROM customer c WHERE c.municipality_id = $1 AND c.id = $2) AS "apartmentDoorId",
   (SELECT l.door_id FROM lock_device l WHERE l.municipality_id = $1 AND l.id = $3::uuid) AS "lockDoorId"`);

/** Accounts a case can be assigned to: the municipality's enabled support-side accounts. */
export const listSupportCaseAssignees = createRowsQuery<
  { id: string; displayName: string; role: string },
  [municipalityId: string, roles: readonly string[]]
>(`SELECT id, display_name AS "displayName", role FROM user_account
   WHERE municipality_id = $1 AND role = ANY($2) AND NOT is_disabled ORDER BY display_name, id`);
