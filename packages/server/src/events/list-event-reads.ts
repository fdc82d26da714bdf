import { listEventReads as listReadRows, type Queryable } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { idPage, pageQuery, type PageInput } from './event-read-log';

export interface EventReadFilter extends PageInput {
  subjectKind?: string | undefined;
  subjectId?: string | undefined;
}

/** Who read whose events, and when (for auditors), newest first. */
export async function listEventReads(options: ReadOptions<EventReadFilter, Queryable>) {
  authorise(options.actor, 'event_read_log', 'read');
  return idPage(await listReadRows(options.db, pageQuery(options.actor.municipalityId, options.input)));
}
