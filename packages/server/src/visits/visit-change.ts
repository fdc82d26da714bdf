// A new version of a visit (R5.3): never an overwrite. The caller names the version it saw, so
// two work leads correcting at once cannot overwrite each other; the old version is kept with who
// replaced it, and the change is in the audit trail with the reason.
import type { Actor } from '@portvakt/core';
import {
  findCurrentVisit,
  replaceVisitVersion,
  withTransaction,
  type VisitContent,
  type VisitRow,
} from '@portvakt/storage';
import type pg from 'pg';
import { recordChange } from '../audit';
import { authorise } from '../platform/authorise';
import { ApiError, notFound } from '../platform/errors';
import { checkVisitWrite } from './visit-checks';

export interface VisitChange {
  action: 'correct' | 'decline';
  visitId: string;
  version: number;
  reason: string;
  next: (current: VisitRow) => VisitContent;
}

export async function changeVisit(
  db: pg.Pool,
  actor: Actor,
  change: VisitChange,
  options: { requestId: string; now: Date },
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
  const next = change.next(current);
  const { isLate } = await checkVisitWrite(
    db,
    actor,
    {
      ...current,
      staffMemberIds: next.staffMemberIds,
      arrival: next.arrival,
      departure: next.departure,
      visitId: current.id,
    },
    {
      now: options.now,
      settings: current.settings,
      touchedInstants: [current.arrival.getTime(), next.arrival.getTime()],
    },
  );
  return withTransaction(db, async (client) => {
    const version = await replaceVisitVersion(client, {
      visitId: current.id,
      expectedVersion: change.version,
      by: actor.label,
      reason: change.reason,
      isLate,
      next,
    });
    if (version === undefined) throw versionConflict();
    const { settings: _settings, ...before } = current;
    await recordChange(client, actor, {
      action: change.action,
      entity: 'visit',
      entityId: current.id,
      before,
      after: { ...next, version, reason: change.reason, isLate },
      requestId: options.requestId,
    });
    return { id: current.id, version };
  });
}
