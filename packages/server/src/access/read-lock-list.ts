import { compileLockList, type Actor } from '@portvakt/core';
import { readDoorAddresses } from '@portvakt/storage';
import type pg from 'pg';
import type { PermissionIndexCache } from './permission-index';
import { findVisibleStaff, parseAt } from './permission-query';

export interface ReadLockListInput {
  staffMemberId: string;
  at?: string | undefined;
  validForHours?: number | undefined;
}

/** The locks a staff member may open from a time on, as an activation would compile them. */
export async function readLockList({
  db,
  actor,
  permissions,
  input,
}: {
  db: pg.Pool;
  actor: Actor;
  permissions: PermissionIndexCache;
  input: ReadLockListInput;
}) {
  const id = input.staffMemberId;
  await findVisibleStaff(db, actor, id);
  const { index, facts } = await permissions.get(actor.municipalityId);
  const list = compileLockList(index, id, parseAt(input.at), {
    validForSeconds: (input.validForHours ?? 12) * 3600,
  });
  const doorLabels = new Map(facts.doors.map((door) => [door.id, door.label]));
  // Many doors are called "Port A": the street address tells staff and support which one.
  const addresses = await readDoorAddresses(
    db,
    list.locks.map((lock) => lock.doorId),
  );
  return {
    staffMemberId: id,
    staffStatus: list.staffStatus,
    issuedAt: new Date(list.issuedAt).toISOString(),
    validUntil: new Date(list.validUntil).toISOString(),
    locks: list.locks.map((lock) => ({
      lockId: lock.lockId,
      lockNumber: lock.lockNumber ?? null,
      doorId: lock.doorId,
      doorLabel: doorLabels.get(lock.doorId) ?? '',
      address: addresses.get(lock.doorId) ?? null,
      rules: [...lock.rules],
      isAlways: lock.windows === 'always',
      intervals: lock.intervals.map((interval) => ({
        from: new Date(interval.from).toISOString(),
        until: new Date(Math.min(interval.until, list.validUntil)).toISOString(),
      })),
    })),
  };
}
