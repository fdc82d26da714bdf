import type { Queryable } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { UseCaseOptions } from '../platform/context';
import { logEventRead, reportPeriod, type ReportPeriodInput } from './event-read-log';
import { eventAnomalies } from './reports';

/** Anomalies of the last week (or the period asked for), a work lead's own staff's and keys' only. */
export async function findEventAnomalies({
  db,
  actor,
  input,
  requestId,
  now,
}: UseCaseOptions<ReportPeriodInput, Queryable> & { now: Date }) {
  const scope = authorise(actor, 'event_report', 'read');
  const { from, to } = reportPeriod(input, 7, now);
  const providerId = scope.kind === 'provider' ? scope.providerId : undefined;
  const items = await eventAnomalies(db, actor.municipalityId, from, to, providerId);
  await logEventRead(db, actor, requestId, {
    queryKind: 'anomalies',
    subjectKind: providerId ? 'provider' : 'municipality',
    subjectId: providerId ?? actor.municipalityId,
    from,
    to,
    rowCount: items.length,
  });
  return { items };
}
