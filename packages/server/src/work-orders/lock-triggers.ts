// The lock triggers (issue #12 item 2, docs/work-orders.md "Triggers, consent and introductions"):
// what a registry write means for the locks on a customer's way in, run inside the write's own
// transaction (registry-hooks.ts). The rules are core's (install-needs.ts); this reads the facts
// and makes the orders.
import {
  isDoorNeededByOthers,
  isServedOnOrAfter,
  isServiceEndedByChange,
  isServiceExtendedByChange,
  isServiceGrantedByChange,
  localToday,
  proposeDismountOrders,
  proposeInstallOrders,
  proposeMoveOrders,
  type Actor,
  type Resource,
  type ServiceDates,
} from '@portvakt/core';
import {
  listRequestedServiceEndDismounts,
  listUnstartedInstallOrders,
  readCustomerLockFacts,
  readDoorWithLock,
  readOtherResidentServices,
  type Queryable,
  type Row,
} from '@portvakt/storage';
import { moveUnstartedOrder } from './work-order-access';
import { proposeWorkOrders } from './propose-work-orders';

export interface LockTriggerWrite {
  resource: Resource;
  /** The row before the write; undefined for a create. */
  before: Row | undefined;
  /** The row after the write; undefined for a delete. */
  after: Row | undefined;
  requestId: string;
  /** The request's clock: decides what is current and stamps the orders. */
  now: Date;
}

function serviceDates(row: Row): ServiceDates {
  return { startsOn: row.startsOn as string, endsOn: (row.endsOn as string | null) ?? null };
}

type CustomerLockFacts = NonNullable<Awaited<ReturnType<typeof readCustomerLockFacts>>>;
type ProposedOrders = Parameters<typeof proposeWorkOrders>[2];

/** Makes the orders `propose` (one of core's rules) finds for a customer's lock facts, if any. */
async function proposeForCustomer(
  db: Queryable,
  actor: Actor,
  customerId: string,
  write: LockTriggerWrite,
  propose: (facts: CustomerLockFacts) => ProposedOrders | Promise<ProposedOrders>,
) {
  const facts = await readCustomerLockFacts(db, actor.municipalityId, customerId);
  if (facts) await proposeWorkOrders(db, actor, await propose(facts), write.requestId, write.now);
}

/** Dismounts, sparing a door another resident still needs (a couple behind one apartment door). */
async function proposeDismounts(
  db: Queryable,
  municipalityId: string,
  facts: CustomerLockFacts,
  customerId: string,
  now: Date,
) {
  const lockedDoors = facts.doors.filter((door) => door.installedLockId !== null).map((door) => door.doorId);
  const otherResidentsByDoor = await readOtherResidentServices(db, municipalityId, lockedDoors, customerId);
  return proposeDismountOrders({ ...facts, otherResidentsByDoor, today: localToday(now) });
}

async function proposeMoveForCustomer(
  db: Queryable,
  actor: Actor,
  before: Row,
  after: Row,
  write: LockTriggerWrite,
) {
  const customerId = after.id as string;
  const facts = await readCustomerLockFacts(db, actor.municipalityId, customerId);
  if (!facts) return;
  const today = localToday(write.now);
  const oldDoorId = before.apartmentDoorId as string | null;
  const newDoorId = after.apartmentDoorId as string | null;
  const oldDoor = oldDoorId ? await readDoorWithLock(db, actor.municipalityId, oldDoorId) : undefined;
  const newDoor = newDoorId ? await readDoorWithLock(db, actor.municipalityId, newDoorId) : undefined;
  const others = oldDoor
    ? await readOtherResidentServices(db, actor.municipalityId, [oldDoor.doorId], customerId)
    : undefined;
  const orders = proposeMoveOrders({
    customerId,
    oldDoor: oldDoor
      ? { ...oldDoor, isNeededByOthers: isDoorNeededByOthers(others?.get(oldDoor.doorId) ?? [], today) }
      : null,
    newDoor: newDoor ?? null,
    isServed: isServedOnOrAfter(facts.services, today),
    hasRefusedLock: facts.hasRefusedLock,
  });
  await proposeWorkOrders(db, actor, orders, write.requestId, write.now);
}

/**
 * Proposes the work orders a registry write causes: install orders when a service is granted,
 * or a served customer's access path is replaced, dismount orders when a customer's last service
 * ends, a move (or install) when the customer's apartment door changes. Orders are made as `actor`, in the caller's transaction.
 */
export async function applyLockTriggers(db: Queryable, actor: Actor, write: LockTriggerWrite): Promise<void> {
  const { resource, before, after } = write;
  if (resource === 'customer_service') {
    const customerId = (after ?? before)!.customerId as string;
    const today = localToday(write.now);
    if (after && isServiceGrantedByChange(before && serviceDates(before), serviceDates(after), today))
      await proposeForCustomer(db, actor, customerId, write, proposeInstallOrders);
    if (before && isServiceEndedByChange(serviceDates(before), after && serviceDates(after)))
      await proposeForCustomer(db, actor, customerId, write, (facts) =>
        proposeDismounts(db, actor.municipalityId, facts, customerId, write.now),
      );
    if (after && isServiceExtendedByChange(before && serviceDates(before), serviceDates(after)))
      await withdrawStaleDismounts(db, actor, customerId, write);
  }
  if (resource === 'access_path' && after) {
    const facts = await readCustomerLockFacts(db, actor.municipalityId, after.id as string);
    if (facts && isServedOnOrAfter(facts.services, localToday(write.now)))
      await proposeWorkOrders(db, actor, proposeInstallOrders(facts), write.requestId, write.now);
  }
  if (resource === 'customer' && before && after && before.apartmentDoorId !== after.apartmentDoorId)
    await proposeMoveForCustomer(db, actor, before, after, write);
  if (resource === 'lock_device' && after && isNewlyInstalled(before, after))
    await cancelInstallsOnLockedDoor(db, actor, after.doorId as string, write);
}

/**
 * A customer served longer than before (a service's end removed or moved later, or a new service)
 * leaves the dismounts proposed for the earlier end wrong: the requested ones are cancelled
 * (`service_extended`), so no dismount is planned while the customer is still served. When every
 * service still ends, the dismounts are proposed again for the end as it now stands. An order
 * already planned or under way is the lock manager's to replan or cancel.
 */
async function withdrawStaleDismounts(
  db: Queryable,
  actor: Actor,
  customerId: string,
  write: LockTriggerWrite,
): Promise<void> {
  const stale = await listRequestedServiceEndDismounts(db, actor.municipalityId, customerId);
  if (stale.length === 0) return;
  const reason = { kind: 'service_extended', params: null } as const;
  for (const order of stale) await moveUnstartedOrder(db, actor, order, { to: 'cancelled', reason }, write);
  await proposeForCustomer(db, actor, customerId, write, (facts) =>
    proposeDismounts(db, actor.municipalityId, facts, customerId, write.now),
  );
}

function isNewlyInstalled(before: Row | undefined, after: Row): boolean {
  if (after.status !== 'installed' || !after.doorId) return false;
  return before?.status !== 'installed' || before.doorId !== after.doorId;
}

/**
 * A lock installed on a door outside a work order (straight through the registry, or moved
 * there) leaves the door's unstarted install orders with nothing to do: they are cancelled with
 * that fact as the reason, so the board and rollout's "planned" do not count a door that has its
 * lock. An order in progress is the installer's own and is finished at the door.
 */
async function cancelInstallsOnLockedDoor(
  db: Queryable,
  actor: Actor,
  doorId: string,
  write: LockTriggerWrite,
): Promise<void> {
  const reason = { kind: 'lock_installed_outside_order', params: null } as const;
  for (const order of await listUnstartedInstallOrders(db, actor.municipalityId, { doorId }))
    await moveUnstartedOrder(db, actor, order, { to: 'cancelled', reason }, write);
}
