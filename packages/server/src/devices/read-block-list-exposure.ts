import type { Actor } from '@portvakt/core';
import { listLockBlockListReports, readBlockList, type Queryable } from '@portvakt/storage';

/** The block list, and which version each installed lock has reported holding (exposure after a block). */
export async function readBlockListExposure(options: { db: Queryable; actor: Actor }) {
  const list = await readBlockList(options.db, options.actor.municipalityId);
  const reports = await listLockBlockListReports(options.db, options.actor.municipalityId);
  return {
    ...list,
    locks: reports.map((row) => ({
      lockId: row.lockId,
      serial: row.serial,
      reportedVersion: row.version,
      reportedAt: row.reportedAt?.toISOString() ?? null,
      isBehind: (row.version ?? 0) < list.version,
    })),
  };
}
