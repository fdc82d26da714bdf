import { withTransaction } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { UseCaseOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import { readMunicipalitySettings } from '../platform/municipality-settings';
import { buildRelativesVisitList, type RelativesVisitList } from '../visits';
import { logEventRead, type ReportPeriodInput } from './event-read-log';

/**
 * A customer's visit list for relatives: the stored visits in scope for the period and, for a
 * provider, only its own (visits/relatives-visit-list.ts). The list tells when staff were in the
 * customer's home, which the lock records say, so its read is logged like an event read, with the
 * format asked for.
 */
export async function readVisitList({
  db,
  actor,
  input,
  requestId,
  now,
}: UseCaseOptions<ReportPeriodInput & { customerId: string; format?: 'json' | 'csv' | 'pdf' | undefined }> & {
  now: Date;
}): Promise<RelativesVisitList> {
  const scope = authorise(actor, 'event_report', 'read');
  const settings = await readMunicipalitySettings(db, actor.municipalityId);
  return withTransaction(db, async (client) => {
    const list = await buildRelativesVisitList(client, scope, input.customerId, input, { now, settings });
    if (!list) throw notFound('customer');
    await logEventRead(client, actor, requestId, {
      queryKind: `visit_list_${input.format ?? 'json'}`,
      subjectKind: 'customer',
      subjectId: input.customerId,
      from: list.from,
      to: list.to,
      rowCount: list.visits.length,
    });
    return list;
  });
}
