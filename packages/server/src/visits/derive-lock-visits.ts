// Visit derivation at ingest (R5.1; docs/visits.md "Derivation"): the new staff openings of the
// batches ingest accepted become visits, complete open ones or confirm the staff member's phone
// visit there, in ingest's transaction, so a visit never exists without the stored records it
// links to and a rolled-back upload leaves no visit.
import { deriveLockVisits, readVisitSettings, type LockOpening } from '@portvakt/core';
import { readLockVisitContext, writeLockVisitChanges } from '@portvakt/storage';
import type pg from 'pg';

export async function deriveLockVisitsAtIngest(
  db: pg.PoolClient,
  municipalityId: string,
  openings: LockOpening[],
): Promise<{ created: number; completed: number }> {
  if (openings.length === 0) return { created: 0, completed: 0 };
  let earliest = openings[0]!.at;
  for (const opening of openings) if (opening.at < earliest) earliest = opening.at;
  const doorIds = [...new Set(openings.map((o) => o.doorId))];
  const pseudonyms = [...new Set(openings.map((o) => o.staffPseudonym))];
  // The settings come with the context; the window is at most a day, longer than any setting.
  const context = await readLockVisitContext(
    db,
    municipalityId,
    doorIds,
    pseudonyms,
    new Date(earliest - 24 * 3_600_000),
  );
  const settings = readVisitSettings(context.settings);
  if (!settings.isDerivationOn) return { created: 0, completed: 0 };
  const visitOpenings = openings.filter(
    (o) => context.customerByDoor.has(o.doorId) && context.staffByPseudonym.has(o.staffPseudonym),
  );
  const changes = deriveLockVisits(
    context.openVisits,
    visitOpenings,
    settings.maxVisitMinutes,
    context.phoneVisits,
  );
  return writeLockVisitChanges(db, municipalityId, changes, context);
}
