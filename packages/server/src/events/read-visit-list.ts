import { withTransaction } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { UseCaseOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import { logEventRead, reportPeriod, type ReportPeriodInput } from './event-read-log';
import { buildVisitList, type VisitList } from './reports';

/**
 * A customer's visit list for relatives, in scope for the period and, for a provider, only its
 * own staff's visits (reports.ts); the read is logged with the format asked for.
 */
export async function readVisitList({
  db,
  actor,
  input,
  requestId,
}: UseCaseOptions<
  ReportPeriodInput & { customerId: string; format?: 'json' | 'csv' | 'pdf' | undefined }
>): Promise<VisitList> {
  const scope = authorise(actor, 'event_report', 'read');
  const { from, to } = reportPeriod(input, 31);
  return withTransaction(db, async (client) => {
    const list = await buildVisitList(client, scope, input.customerId, from, to);
    if (!list) throw notFound('customer');
    await logEventRead(client, actor, requestId, {
      queryKind: `visit_list_${input.format ?? 'json'}`,
      subjectKind: 'customer',
      subjectId: input.customerId,
      from,
      to,
      rowCount: list.rows.length,
    });
    return list;
  });
}
