// Planned visits and granted time in a care-system import (docs/imports.md): written by the same
// upserts and checked by the same rules as the care-plan routes (server/src/visits), one record
// at a time inside the import's transaction, each with its own audit entry.
import { checkImportRecordRules, type ImportChange, type ImportKind, type ImportValue } from '@portvakt/core';
import { findUnservedPlannedVisits, upsertGrantedTime, upsertPlannedVisits } from '@portvakt/storage';
import type pg from 'pg';
import type { RecordAudit } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { ApiError, ruleCode } from '../platform/errors';

type Values = Record<string, ImportValue>;

const text = (value: ImportValue | undefined) => (typeof value === 'string' ? value : '');
const list = (value: ImportValue | undefined) => (Array.isArray(value) ? value : []);

/**
 * Writes one planned visit or month of granted time: `before` is the record as imported before
 * (absent on create), `ids` turns the care system's customer and provider ids into ours.
 */
export async function applyCarePlanChange(
  client: pg.PoolClient,
  { actor }: Pick<WriteOptions<unknown>, 'actor'>,
  audit: RecordAudit,
  change: ImportChange,
  before: Values | undefined,
  ids: Map<ImportKind, Map<string, string>>,
): Promise<void> {
  const values: Values = { ...before };
  for (const { field, after } of change.fields) values[field] = after;
  const customerId = ids.get('customers')!.get(text(values.customerId))!;
  const action = change.action === 'create' ? 'create' : 'update';
  if (change.kind === 'grantedTime') {
    authorise(actor, 'granted_time', action);
    await upsertGrantedTime(client, actor.municipalityId, [
      {
        customerId,
        service: text(values.service),
        month: `${text(values.month)}-01`,
        minutes: Number(values.minutes),
        // A create lists only the fields it sets: no reference is none.
        decisionReference: typeof values.decisionReference === 'string' ? values.decisionReference : null,
      },
    ]);
    await audit({ action, entity: 'granted_time', entityId: change.id ?? null, before, after: values });
    return;
  }
  authorise(actor, 'planned_visit', action);
  const planned = {
    externalId: change.key,
    customerId,
    providerId: ids.get('providers')!.get(text(values.providerId))!,
    services: list(values.services),
    plannedMinutes: Number(values.plannedMinutes),
    staffCount: Number(values.staffCount ?? 1),
    windowStart: new Date(text(values.windowStart)),
    windowEnd: new Date(text(values.windowEnd)),
  };
  // The care-plan route's rules (server/src/visits/import-planned-visits.ts); the window's is
  // core's, which the dry run checks too.
  const [reversed] = checkImportRecordRules('plannedVisits', values, '');
  if (reversed) throw new ApiError(422, ruleCode(reversed.code), reversed.message, { field: reversed.field });
  if ((await findUnservedPlannedVisits(client, actor.municipalityId, [planned])).length > 0)
    throw new ApiError(422, 'customer_not_served', 'The provider does not serve the customer on that day.', {
      field: 'providerId',
    });
  await upsertPlannedVisits(client, actor.municipalityId, [planned]);
  await audit({ action, entity: 'planned_visit', entityId: change.id ?? null, before, after: values });
}
