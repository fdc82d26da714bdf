import { PlannedVisitInput, type ImportResult } from '@portvakt/contract';
import { importKindDefinitions } from '@portvakt/core';
import { findUnservedPlannedVisits, upsertPlannedVisits } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { UseCaseOptions } from '../platform/context';
import { applyCarePlanImport, readCarePlanFile, refuseDuplicateLines, refuseLines } from './care-plan-file';

// The columns the import job accepts for this kind (docs/imports.md), so a file reads the same
// whether it is sent here or dropped in the import folder.
const headers = importKindDefinitions.plannedVisits.headers;

/**
 * Planned visits from the care system (R5.2), as JSON or CSV, matched by the care system's id:
 * all rows or none; the same file twice changes nothing.
 */
export async function importPlannedVisits({
  db,
  actor,
  input,
  requestId,
}: UseCaseOptions<{ body: unknown[] | string }>): Promise<ImportResult> {
  authorise(actor, 'planned_visit', 'create');
  const rows = readCarePlanFile<PlannedVisitInput>(input.body, PlannedVisitInput, headers, ['services']);
  refuseDuplicateLines(rows, ['externalId'], 'externalId');
  const planned = rows.map(({ value }) => ({
    ...value,
    staffCount: value.staffCount ?? 1,
    windowStart: new Date(value.windowStart),
    windowEnd: new Date(value.windowEnd),
  }));
  const reversed = planned.flatMap((p, i) => (p.windowEnd <= p.windowStart ? [i] : []));
  refuseLines(rows, reversed, 'reversed_times', 'the window must end after it starts');
  const unserved = await findUnservedPlannedVisits(db, actor.municipalityId, planned);
  refuseLines(rows, unserved, 'customer_not_served', 'the provider does not serve the customer on that day');
  return applyCarePlanImport(db, actor, requestId, 'planned_visit', (client) =>
    upsertPlannedVisits(client, actor.municipalityId, planned),
  );
}
