import { PlannedVisitInput, type ImportResult } from '@portvakt/contract';
import { findUnservedPlannedVisits, upsertPlannedVisits, withTransaction } from '@portvakt/storage';
import { recordChange } from '../audit';
import { authorise } from '../platform/authorise';
import type { UseCaseOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { readCarePlanFile } from './care-plan-file';

const headers = {
  externalId: ['extern id', 'besöks-id', 'id'],
  customerId: ['kund-id', 'kund'],
  providerId: ['utförar-id', 'utförare'],
  services: ['insatser'],
  plannedMinutes: ['planerade minuter', 'minuter'],
  staffCount: ['antal personal', 'dubbelbemanning'],
  windowStart: ['från', 'fönster från'],
  windowEnd: ['till', 'fönster till'],
};

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
  const planned = rows.map(({ value }) => ({
    ...value,
    staffCount: value.staffCount ?? 1,
    windowStart: new Date(value.windowStart),
    windowEnd: new Date(value.windowEnd),
  }));
  const reversed = planned.findIndex((p) => p.windowEnd <= p.windowStart);
  if (reversed >= 0)
    throw new ApiError(
      422,
      'reversed_times',
      `Line ${rows[reversed]!.line}: the window must end after it starts.`,
      {
        line: rows[reversed]!.line,
        field: 'windowEnd',
      },
    );
  const duplicate = planned.findIndex(
    (p, i) => planned.findIndex((q) => q.externalId === p.externalId) !== i,
  );
  if (duplicate >= 0)
    throw new ApiError(422, 'validation_failed', `Line ${rows[duplicate]!.line}: externalId appears twice.`, {
      line: rows[duplicate]!.line,
      field: 'externalId',
    });
  const unserved = await findUnservedPlannedVisits(db, actor.municipalityId, planned);
  if (unserved.length > 0)
    throw new ApiError(
      422,
      'customer_not_served',
      `Line ${rows[unserved[0]!]!.line}: the provider does not serve the customer on that day; nothing was changed.`,
      { lines: unserved.slice(0, 20).map((i) => rows[i]!.line) },
    );
  return withTransaction(db, async (client) => {
    const result = await upsertPlannedVisits(client, actor.municipalityId, planned);
    await recordChange(client, actor, {
      action: 'import',
      entity: 'planned_visit',
      after: result,
      requestId,
    });
    return result;
  });
}
