// What an events export reads: the event log's own query without a subject, with the view the
// event log routes give the caller (core eventViewFor), so an export shows no more of a row than
// the event log pages do (docs/event-log.md "Who sees what").
import { canReadEventSubject, eventViewFor, type Actor } from '@portvakt/core';
import type { EventQuery } from '@portvakt/storage';
import { authorise } from '../platform/authorise';

/** The caller's whole reach in the event log during [from, to); 403 for roles that read no events. */
export function eventExportQuery(actor: Actor, period: { from: Date; to: Date }): Omit<EventQuery, 'limit'> {
  const scope = authorise(actor, 'device_event', 'read');
  return {
    municipalityId: actor.municipalityId,
    ...period,
    view: eventViewFor(scope, actor),
    // Lock managers read locks and doors, never a key's or a person's own history (R10.3).
    isLockRecordsOnly: !canReadEventSubject(actor, 'key'),
  };
}
