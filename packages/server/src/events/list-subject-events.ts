import {
  canReadEventSubject,
  eventViewFor,
  servicePeriodOfQuery,
  type Actor,
  type EventSubject,
} from '@portvakt/core';
import {
  InvalidEventCursorError,
  isEventSubjectVisible,
  listEvents,
  withTransaction,
} from '@portvakt/storage';
import type pg from 'pg';
import { authorise } from '../platform/authorise';
import { ApiError, forbidden, notFound } from '../platform/errors';
import { readQueryPeriod } from '../platform/query-period';
import { logEventRead } from './event-read-log';

// Named as the subject's own route names it (GET /api/v1/staff/{id}: "No such staff member."), so
// an id out of scope reads the same wherever it is asked about.
const subjectLabels: Record<EventSubject, string> = {
  lock: 'lock',
  door: 'door',
  customer: 'customer',
  staff: 'staff member',
  key: 'digital key',
};

export interface SubjectEventsInput {
  subject: EventSubject;
  id: string;
  from?: string | undefined;
  to?: string | undefined;
  refused?: boolean | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
  requestId: string;
}

/**
 * A page of a lock's, door's, customer's, staff member's or key's events, newest first, as the
 * actor may see them; the read is logged in the same transaction. A work lead's customer (and
 * the doors and locks on their way in) only when the provider served them during the requested
 * period, by the visit list's rule; else 404 as for an unknown id.
 */
export async function listSubjectEvents({
  db,
  actor,
  input,
}: {
  db: pg.Pool;
  actor: Actor;
  input: SubjectEventsInput;
}) {
  const scope = authorise(actor, 'device_event', 'read');
  const { subject, id } = input;
  if (!canReadEventSubject(actor, subject)) throw forbidden('Your role sees lock and door events only.');
  const view = eventViewFor(scope, actor);
  const { from, to } = readQueryPeriod(input);
  const period = servicePeriodOfQuery({ from, to });
  if (!(await isEventSubjectVisible(db, actor.municipalityId, { kind: subject, id }, view, period)))
    throw notFound(subjectLabels[subject]);
  return withTransaction(db, async (client) => {
    let page;
    try {
      page = await listEvents(client, {
        municipalityId: actor.municipalityId,
        subject: { kind: subject, id },
        from,
        to,
        isRefusedOnly: input.refused,
        cursor: input.cursor,
        limit: input.limit ?? 100,
        view,
      });
    } catch (error) {
      if (error instanceof InvalidEventCursorError)
        throw new ApiError(400, 'invalid_cursor', 'The cursor is not one this API handed out.');
      throw error;
    }
    await logEventRead(client, actor, input.requestId, {
      queryKind: input.refused ? 'events_refused' : 'events',
      subjectKind: subject,
      subjectId: id,
      from,
      to,
      rowCount: page.items.length,
    });
    return page;
  });
}
