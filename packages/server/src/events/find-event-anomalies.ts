import type { Actor } from '@portvakt/core';
import type { Queryable } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import { logEventRead, reportPeriod } from './event-read-log';
import { eventAnomalies } from './reports';

/** Anomalies of the last week (or the period asked for), a work lead's own staff's and keys' only. */
export async function findEventAnomalies({
  db,
  actor,
  input,
}: {
  db: Queryable;
  actor: Actor;
  input: { from?: string | undefined; to?: string | undefined; requestId: string };
}) {
  const scope = authorise(actor, 'event_report', 'read');
  const { from, to } = reportPeriod(input, 7);
  const providerId = scope.kind === 'provider' ? scope.providerId : undefined;
  const items = await eventAnomalies(db, actor.municipalityId, from, to, providerId);
  await logEventRead(db, actor, input.requestId, {
    queryKind: 'anomalies',
    subjectKind: providerId ? 'provider' : 'municipality',
    subjectId: providerId ?? actor.municipalityId,
    from,
    to,
    rowCount: items.length,
  });
  return { items };
}
