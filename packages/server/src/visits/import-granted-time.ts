import { GrantedTimeInput, type ImportResult } from '@portvakt/contract';
import { importKindDefinitions } from '@portvakt/core';
import { findForeignCustomers, upsertGrantedTime } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { UseCaseOptions } from '../platform/context';
import { applyCarePlanImport, readCarePlanFile, refuseDuplicateLines, refuseLines } from './care-plan-file';

// The columns the import job accepts for this kind (docs/imports.md), so a file reads the same
// whether it is sent here or dropped in the import folder.
const headers = importKindDefinitions.grantedTime.headers;

/** Granted minutes per customer, service and month from the needs assessor's decisions (R5.2). */
export async function importGrantedTime({
  db,
  actor,
  input,
  requestId,
}: UseCaseOptions<{ body: unknown[] | string }>): Promise<ImportResult> {
  authorise(actor, 'granted_time', 'create');
  const rows = readCarePlanFile<GrantedTimeInput>(input.body, GrantedTimeInput, headers);
  refuseDuplicateLines(rows, ['customerId', 'service', 'month'], 'the same customer, service and month');
  const granted = rows.map(({ value }) => ({
    customerId: value.customerId,
    service: value.service,
    month: `${value.month}-01`,
    minutes: value.minutes,
    decisionReference: value.decisionReference ?? null,
  }));
  const foreign = await findForeignCustomers(
    db,
    actor.municipalityId,
    granted.map((g) => g.customerId),
  );
  refuseLines(rows, foreign, 'unknown_reference', 'no such customer');
  return applyCarePlanImport(db, actor, requestId, 'granted_time', (client) =>
    upsertGrantedTime(client, actor.municipalityId, granted),
  );
}
