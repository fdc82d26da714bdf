import { GrantedTimeInput, type ImportResult } from '@portvakt/contract';
import { findForeignCustomers, upsertGrantedTime, withTransaction } from '@portvakt/storage';
import { recordChange } from '../audit';
import { authorise } from '../platform/authorise';
import type { UseCaseOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { readCarePlanFile } from './care-plan-file';

const headers = {
  customerId: ['kund-id', 'kund'],
  service: ['insats'],
  month: ['månad'],
  minutes: ['minuter', 'beviljade minuter'],
  decisionReference: ['beslut', 'beslutsnummer'],
};

/** Granted minutes per customer, service and month from the needs assessor's decisions (R5.2). */
export async function importGrantedTime({
  db,
  actor,
  input,
  requestId,
}: UseCaseOptions<{ body: unknown[] | string }>): Promise<ImportResult> {
  authorise(actor, 'granted_time', 'create');
  const rows = readCarePlanFile<GrantedTimeInput>(input.body, GrantedTimeInput, headers);
  const granted = rows.map(({ value }) => ({
    customerId: value.customerId,
    service: value.service,
    month: `${value.month}-01`,
    minutes: value.minutes,
    decisionReference: value.decisionReference ?? null,
  }));
  const keys = granted.map((g) => `${g.customerId} ${g.service} ${g.month}`);
  const duplicate = keys.findIndex((key, i) => keys.indexOf(key) !== i);
  if (duplicate >= 0)
    throw new ApiError(
      422,
      'validation_failed',
      `Line ${rows[duplicate]!.line}: the same customer, service and month twice.`,
    );
  const foreign = await findForeignCustomers(
    db,
    actor.municipalityId,
    granted.map((g) => g.customerId),
  );
  if (foreign.length > 0)
    throw new ApiError(
      422,
      'unknown_reference',
      `Line ${rows[foreign[0]!]!.line}: no such customer; nothing was changed.`,
      {
        lines: foreign.slice(0, 20).map((i) => rows[i]!.line),
      },
    );
  return withTransaction(db, async (client) => {
    const result = await upsertGrantedTime(client, actor.municipalityId, granted);
    await recordChange(client, actor, { action: 'import', entity: 'granted_time', after: result, requestId });
    return result;
  });
}
