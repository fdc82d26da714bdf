// Reading work orders inside a scope (docs/work-orders.md): the planning board's and the
// installer's lists, one order with its door, lock, customer and history, and the consent facts
// planning depends on. Scope is turned into SQL here so that an order outside it is never read:
// to its caller it does not exist, in lists, counts and pages alike.
import { servedFromToday, type Scope, type WorkOrderConsentFacts } from '@portvakt/core';
import {
  optionalConditions,
  selectKeysetPage,
  type KeysetOrder,
  type KeysetPosition,
} from '../platform/keyset-page';
import { recordedAccountName } from '../platform/named-account';
import { Params, type Queryable } from '../platform/queryable';
import { createIsoRowsQuery, withIsoPositionedDates, type PositionedRow } from '../platform/rows';
import { assigneeCondition, createScopedRowFinder, narrowedScopeCondition, serviceDuring } from '../registry';

/**
 * The condition keeping orders (`t`) inside `scope`: the municipality's roles see all of it;
 * installers (assignee) what is assigned to their account or their locksmith company; work leads
 * (provider) the orders on doors on the way in of a customer their provider serves (R2.4).
 */
export function workOrderScopeCondition(scope: Scope, params: Params): string {
  return narrowedScopeCondition(scope, params, 'work orders', {
    assignee: (assignee) =>
      assigneeCondition(assignee, params, ['t.assigned_user_id'], 't.assigned_company_id'),
    provider: ({ municipalityId, providerId, servedDuring }) => {
      const served = serviceDuring('cs', params.add(providerId), servedDuring ?? servedFromToday, params);
      return `EXISTS (SELECT 1 FROM access_path_step s
        JOIN customer_service cs ON cs.municipality_id = s.municipality_id AND cs.customer_id = s.customer_id
        WHERE s.municipality_id = ${params.add(municipalityId)} AND s.door_id IN (t.door_id, t.target_door_id)
          AND ${served})`;
    },
  });
}

const summaryColumns = `t.id, t.reference, t.kind, t.state, t.awaits, t.origin, t.door_id AS "doorId",
  d.label AS "doorLabel", d.kind AS "doorKind", d.floor, p.id AS "propertyId",
  p.designation AS "propertyDesignation", p.street_address AS "streetAddress",
  p.postal_code AS "postalCode", p.city, p.district_id AS "districtId",
  t.lock_device_id AS "lockDeviceId", l.serial AS "lockSerial", t.target_door_id AS "targetDoorId",
  t.assigned_user_id AS "assignedUserId", u.display_name AS "assignedUserName",
  t.assigned_company_id AS "assignedCompanyId", c.name AS "assignedCompanyName",
  t.booked_from AS "bookedFrom", t.booked_until AS "bookedUntil", t.planned_minutes AS "plannedMinutes",
  t.version, t.created_at AS "createdAt", t.updated_at AS "updatedAt"`;

const summaryJoins = `FROM work_order t
  JOIN door d ON d.municipality_id = t.municipality_id AND d.id = t.door_id
  JOIN property p ON p.municipality_id = t.municipality_id AND p.id = d.property_id
  LEFT JOIN lock_device l ON l.municipality_id = t.municipality_id AND l.id = t.lock_device_id
  LEFT JOIN user_account u ON u.municipality_id = t.municipality_id AND u.id = t.assigned_user_id
  LEFT JOIN locksmith_company c ON c.municipality_id = t.municipality_id AND c.id = t.assigned_company_id`;

export type WorkOrderSort = 'bookedFrom' | 'reference' | 'createdAt';

export interface WorkOrderFilter {
  state?: string | undefined;
  kind?: string | undefined;
  districtId?: string | undefined;
  /** Assigned to this user or this company (either id may be given). */
  assignee?: { userId: string | null; companyId: string | null } | undefined;
  /** Booked to start inside [from, to). */
  booked?: { from: Date; to: Date } | undefined;
  sort: WorkOrderSort;
  after?: KeysetPosition | undefined;
  limit: number;
}

function utcStamp(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;
}

/** Each sort's key as comparable SQL, the type its cursor is read as, and its direction. */
const sorts: Record<WorkOrderSort, KeysetOrder> = {
  // Booked orders by start, then unbooked ones by how long they have waited: one text key (fixed-width
  // UTC stamps behind 'b' or 'u', compared byte by byte) so that the keyset cursor stays one value.
  bookedFrom: {
    key: `(CASE WHEN t.booked_from IS NULL THEN 'u' || ${utcStamp('t.created_at')}
      ELSE 'b' || ${utcStamp('t.booked_from')} END) COLLATE "C"`,
    cast: 'text',
    direction: 'ASC',
  },
  reference: { key: 't.reference', cast: 'text', direction: 'ASC' },
  createdAt: { key: 't.created_at', cast: 'timestamptz', direction: 'DESC' },
};

/** A page of orders inside `scope` with each row's position for the next page's cursor. */
export async function listWorkOrders(
  db: Queryable,
  scope: Scope,
  filter: WorkOrderFilter,
): Promise<PositionedRow[]> {
  const params = new Params();
  const where = [
    workOrderScopeCondition(scope, params),
    ...optionalConditions(params, [
      ['t.state = ?', filter.state],
      ['t.kind = ?', filter.kind],
      ['p.district_id = ?', filter.districtId],
    ]),
  ];
  if (filter.assignee) {
    const either = [];
    if (filter.assignee.userId) either.push(`t.assigned_user_id = ${params.add(filter.assignee.userId)}`);
    if (filter.assignee.companyId)
      either.push(`t.assigned_company_id = ${params.add(filter.assignee.companyId)}`);
    where.push(either.length ? `(${either.join(' OR ')})` : 'false');
  }
  if (filter.booked)
    where.push(
      `t.booked_from >= ${params.add(filter.booked.from)} AND t.booked_from < ${params.add(filter.booked.to)}`,
    );
  const order = sorts[filter.sort];
  const rows = await selectKeysetPage<PositionedRow>(db, params, {
    select: `SELECT ${summaryColumns}, (${order.key})::text AS position ${summaryJoins}`,
    where,
    order,
    after: filter.after,
    limit: filter.limit,
  });
  return rows.map(withIsoPositionedDates);
}

/**
 * One order inside `scope` with its door, lock, target door, the emergencies it follows up (their
 * references), (as `customerVisibility` allows) its customer and, to the municipality's scope only,
 * the counted reference an order made before migration 0065 had; undefined when unknown or out of
 * scope. `isForUpdate` locks the order's row until the transaction ends, so that a change is judged
 * on the state it will change.
 */
export const findWorkOrder = createScopedRowFinder(
  workOrderScopeCondition,
  (customerSeen, municipality, scope) => `SELECT ${summaryColumns},
       ${scope.kind === 'municipality' ? 't.former_reference' : 'NULL::text'} AS "formerReference",
       t.state_reason AS "stateReason", t.notes, t.started_at AS "startedAt",
       t.finished_at AS "finishedAt", t.actual_minutes AS "actualMinutes",
       t.original_lock_storage AS "originalLockStorage", t.original_lock_restored_at AS "originalLockRestoredAt",
       t.customer_id AS "customerId", t.municipality_id AS "municipalityId",
       l.lock_type AS "lockType", l.status AS "lockStatus", l.door_id AS "lockDoorId",
       td.label AS "targetDoorLabel", td.kind AS "targetDoorKind", tp.street_address AS "targetStreetAddress",
       CASE WHEN ${customerSeen} THEN k.given_name || ' ' || k.family_name END AS "customerName",
       CASE WHEN ${customerSeen} THEN k.apartment END AS "customerApartment",
       ARRAY(SELECT own.reference FROM emergency_opening e
         JOIN support_case own ON own.municipality_id = e.municipality_id AND own.id = e.support_case_id
         WHERE e.municipality_id = t.municipality_id AND e.follow_up_work_order_id = t.id
         ORDER BY own.reference) AS "followsUpEmergencies"
     ${summaryJoins}
     LEFT JOIN door td ON td.municipality_id = t.municipality_id AND td.id = t.target_door_id
     LEFT JOIN property tp ON tp.municipality_id = td.municipality_id AND tp.id = td.property_id
     LEFT JOIN customer k ON k.municipality_id = t.municipality_id AND k.id = t.customer_id
     WHERE t.municipality_id = ${municipality}`,
);

/**
 * An order's history, oldest first, each step's mover named (`actorName`, found by the username the
 * step keeps; a blank name as null) only while they are the municipality's staff (its own
 * installers, in no company, too, as battery changes name them) or belong to the locksmith company
 * the order is assigned to: an installer reads only their company's orders, so
 * they learn no name of another company's people, also after an order moved between companies or
 * an account between companies.
 */
export const listWorkOrderTransitions = createIsoRowsQuery<[municipalityId: string, workOrderId: string]>(
  `SELECT s.from_state AS "fromState", s.to_state AS "toState", s.reason, s.reason_kind AS "reasonKind",
     s.reason_params AS "reasonParams", s.actor,
     ${recordedAccountName('s', 's.actor', "(n.role = 'installer' AND n.locksmith_company_id IS NULL) OR n.locksmith_company_id = t.assigned_company_id")} AS "actorName", s.at
   FROM work_order_transition s
   JOIN work_order t ON t.municipality_id = s.municipality_id AND t.id = s.work_order_id
   WHERE s.municipality_id = $1 AND s.work_order_id = $2 ORDER BY s.id`,
);

/**
 * The consents an order's planning depends on (R6.2, R7.1): the newest decision of the order's
 * customer (or, without one, of the customer whose home door it is, else of the one customer
 * whose way in has the door: a key safe or medicine cabinet made by hand) and the status of the
 * door's entrance consent.
 */
export async function readWorkOrderConsentFacts(
  db: Queryable,
  order: { municipalityId: string; doorId: string; customerId: string | null },
): Promise<WorkOrderConsentFacts> {
  const { rows } = await db.query<WorkOrderConsentFacts>(
    `SELECT
       (SELECT c.decision FROM customer_lock_consent c
        WHERE c.municipality_id = $3 AND c.customer_id = coalesce($2::uuid,
          (SELECT k.id FROM customer k WHERE k.municipality_id = $3 AND k.apartment_door_id = $1 ORDER BY k.id LIMIT 1),
          (SELECT CASE WHEN count(DISTINCT s.customer_id) = 1 THEN min(s.customer_id::text)::uuid END
           FROM access_path_step s WHERE s.municipality_id = $3 AND s.door_id = $1))
        ORDER BY c.id DESC LIMIT 1) AS "customerDecision",
       (SELECT e.status FROM entrance_consent e WHERE e.municipality_id = $3 AND e.door_id = $1) AS "entranceStatus"`,
    [order.doorId, order.customerId, order.municipalityId],
  );
  return rows[0]!;
}

/**
 * Whom a planner can assign orders to: the municipality's enabled installer accounts (with their
 * company) and its locksmith companies. Names only; no other account details.
 */
export async function listWorkOrderAssignees(
  db: Queryable,
  municipalityId: string,
): Promise<{
  installers: { id: string; displayName: string; locksmithCompanyId: string | null }[];
  companies: { id: string; name: string }[];
}> {
  const installers = await db.query<{ id: string; displayName: string; locksmithCompanyId: string | null }>(
    `SELECT id, display_name AS "displayName", locksmith_company_id AS "locksmithCompanyId" FROM user_account
     WHERE municipality_id = $1 AND role = 'installer' AND NOT is_disabled ORDER BY display_name, id`,
    [municipalityId],
  );
  const companies = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM locksmith_company WHERE municipality_id = $1 ORDER BY name',
    [municipalityId],
  );
  return { installers: installers.rows, companies: companies.rows };
}
