// A new version of a visit (R5.3): never an overwrite. The caller names the version it saw, so
// two work leads correcting at once cannot overwrite each other; the old version is kept with who
// replaced it, and the change is in the audit trail with the reason.
import { createZoneClock, listChangedApprovalDays, readVisitSettings } from '@portvakt/core';
import {
  findCurrentVisit,
  listHomeCustomers,
  lockStaffVisits,
  replaceVisitVersion,
  withdrawWorkShiftApprovals,
  withTransaction,
  type Queryable,
  type VisitContent,
  type VisitRow,
} from '@portvakt/storage';
import { recordChange } from '../audit';
import { authorise } from '../platform/authorise';
import type { UseCaseOptions } from '../platform/context';
import { ApiError, notFound } from '../platform/errors';
import { checkVisitWrite, refuseOverlappingVisit } from './visit-checks';

/** What every change names: the visit, the version it saw and why. */
export interface VisitChangeInput {
  visitId: string;
  version: number;
  reason: string;
}

export async function changeVisit(
  { db, actor, input: change, requestId, now }: UseCaseOptions<VisitChangeInput> & { now: Date },
  action: 'correct' | 'decline' | 'void',
  makeNext: (current: VisitRow) => VisitContent,
): Promise<{ id: string; version: number }> {
  const scope = authorise(actor, 'visit', 'update');
  const current = await findCurrentVisit(db, scope, change.visitId);
  if (!current) throw notFound('visit');
  const versionConflict = () =>
    new ApiError(
      409,
      'version_conflict',
      `Version ${change.version} is not the visit’s current version, ${current.version}.`,
      {
        currentVersion: current.version,
      },
    );
  if (current.version !== change.version) throw versionConflict();
  // The municipality's settings come with the visit for the checks; they are no part of it.
  const { settings: _settings, ...before } = current;
  const next = makeNext(before);
  // Declining a declined visit or voiding a voided one changes nothing, but as a new version it
  // would take back the day's approval (and after the lock date flag the visit late).
  if (action !== 'correct' && next.state === current.state)
    throw new ApiError(409, 'visit_unchanged', `The visit is already ${current.state}.`, {
      state: current.state,
    });
  // A visit moves only within a home: a lock visit at a couple's door that was for the other
  // spouse (docs/visits.md "A shared home"); its door and records stay true. Only to a spouse the
  // actor may see: one they may not is answered as a stranger, so the answer tells no one who
  // lives behind the door.
  if (next.customerId !== current.customerId && !(await isHomeCustomerInView(db, actor, current, next)))
    throw new ApiError(
      422,
      'customer_not_in_home',
      'A visit can be moved only to a customer who shares the apartment door (the same home).',
    );
  const { isLate } = await checkVisitWrite(
    db,
    actor,
    {
      ...current,
      customerId: next.customerId,
      staffMemberIds: next.staffMemberIds,
      arrival: next.arrival,
      departure: next.departure,
      state: next.state,
      visitId: current.id,
    },
    {
      now,
      settings: current.settings,
      touchedInstants: [current.arrival.getTime(), next.arrival.getTime()],
    },
  );
  return withTransaction(db, async (client) => {
    // As a registration (register-visit.ts): changes of two visits of one staff member sent at
    // once both pass the check above; under the lock the check after the write sees the other.
    await lockStaffVisits(client, next.staffMemberIds);
    const version = await replaceVisitVersion(client, {
      municipalityId: actor.municipalityId,
      visitId: current.id,
      expectedVersion: change.version,
      by: actor.label,
      reason: change.reason,
      isLate,
      next,
    });
    if (version === undefined) throw versionConflict();
    await refuseOverlappingVisit(client, actor.municipalityId, {
      ...next,
      visitId: current.id,
    });
    const withdrawnShiftApprovals = await withdrawDayApprovals(
      client,
      actor.municipalityId,
      current.settings,
      {
        staffMemberIds: [...current.staffMemberIds, ...next.staffMemberIds],
        instants: [current.arrival.getTime(), next.arrival.getTime()],
      },
    );
    await recordChange(client, actor, {
      action,
      entity: 'visit',
      entityId: current.id,
      before,
      after: {
        ...next,
        version,
        reason: change.reason,
        isLate,
        ...(withdrawnShiftApprovals.length > 0 && { withdrawnShiftApprovals }),
      },
      requestId,
    });
    return { id: current.id, version };
  });
}

/**
 * A day's approval vouches for the staff member's visits that day: a person's registration,
 * correction, decline or voiding of one takes back the approval of that day's shifts of its staff (the
 * old and the new day and staff), and the changed visit is `corrected` or `registered` again, so
 * the day is approved again (docs/visits.md "Approval"). Returns the shifts no longer approved.
 */
export async function withdrawDayApprovals(
  client: Queryable,
  municipalityId: string,
  settings: Record<string, unknown>,
  changed: { staffMemberIds: readonly string[]; instants: readonly number[] },
): Promise<string[]> {
  const clock = createZoneClock(readVisitSettings(settings).timeZone);
  const withdrawn: string[] = [];
  for (const day of listChangedApprovalDays(changed.instants, clock))
    withdrawn.push(
      ...(await withdrawWorkShiftApprovals(client, {
        municipalityId,
        staffMemberIds: [...new Set(changed.staffMemberIds)],
        from: new Date(day.from),
        to: new Date(day.to),
      })),
    );
  return withdrawn;
}

/** Whether the next version's customer is one of the current customer's home the actor may see. */
async function isHomeCustomerInView(
  db: Queryable,
  actor: UseCaseOptions<unknown>['actor'],
  current: Pick<VisitRow, 'customerId'>,
  next: Pick<VisitContent, 'customerId'>,
): Promise<boolean> {
  const home = await listHomeCustomers(db, authorise(actor, 'customer', 'read'), current.customerId);
  return home.some((customer) => customer.id === next.customerId);
}
