// A new version of a visit (R5.3): never an overwrite. The caller names the version it saw, so
// two work leads correcting at once cannot overwrite each other; the old version is kept with who
// replaced it, and the change is in the audit trail with the reason.
import {
  findCurrentVisit,
  lockStaffVisits,
  replaceVisitVersion,
  withTransaction,
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
  action: 'correct' | 'decline',
  makeNext: (current: VisitRow) => VisitContent,
): Promise<{ id: string; version: number }> {
  const scope = authorise(actor, 'visit', 'update');
  const current = await findCurrentVisit(db, scope, change.visitId);
  if (!current) throw notFound('visit');
  const versionConflict = () =>
    new ApiError(
      409,
      'version_conflict',
      `Version ${change.version} is no longer the visit’s current version.`,
      {
        currentVersion: current.version,
      },
    );
  if (current.version !== change.version) throw versionConflict();
  const next = makeNext(current);
  const { isLate } = await checkVisitWrite(
    db,
    actor,
    {
      ...current,
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
    await refuseOverlappingVisit(client, actor.municipalityId, { ...next, visitId: current.id });
    const { settings: _settings, ...before } = current;
    await recordChange(client, actor, {
      action,
      entity: 'visit',
      entityId: current.id,
      before,
      after: { ...next, version, reason: change.reason, isLate },
      requestId,
    });
    return { id: current.id, version };
  });
}
