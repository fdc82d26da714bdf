import {
  compileLockList,
  findLockDoorLabel,
  findStaffProviderId,
  readVisitWindowSettings,
  type Actor,
  type VisitWindowFacts,
} from '@portvakt/core';
import { readDoorAddresses, readVisitWindowFacts } from '@portvakt/storage';
import type pg from 'pg';
import type { PermissionIndexCache } from './permission-index';
import { findVisibleStaff, parseAt } from './permission-query';
import { readMunicipalitySettings } from '../platform/municipality-settings';

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
  now,
}: {
  db: pg.Pool;
  actor: Actor;
  permissions: PermissionIndexCache;
  input: ReadLockListInput;
  now: Date;
}) {
  const id = input.staffMemberId;
  await findVisibleStaff(db, actor, id);
  const { index } = await permissions.get(actor.municipalityId);
  const at = parseAt(input.at, now);
  const validForSeconds = (input.validForHours ?? 12) * 3600;
  // Visit-window mode: the planned visits and break-glass windows a ticket would carry.
  const providerId = findStaffProviderId(index, id);
  let visitWindows: VisitWindowFacts | undefined;
  if (index.hasVisitWindowedCustomers && providerId !== undefined) {
    const settings = readVisitWindowSettings(await readMunicipalitySettings(db, actor.municipalityId));
    visitWindows = await readVisitWindowFacts(db, {
      municipalityId: actor.municipalityId,
      providerId,
      from: new Date(at),
      until: new Date(at + validForSeconds * 1000),
      marginMinutes: settings.marginMinutes,
      isEnabledByDefault: settings.isEnabled,
    });
  }
  const list = compileLockList(index, id, at, { validForSeconds, ...(visitWindows ? { visitWindows } : {}) });
  // Many doors are called "Port A": the street address tells staff and support which one.
  const addresses = await readDoorAddresses(
    db,
    actor.municipalityId,
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
      doorLabel: findLockDoorLabel(index, lock.lockId) ?? '',
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
