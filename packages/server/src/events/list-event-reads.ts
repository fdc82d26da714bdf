import type { Actor } from '@portvakt/core';
import { listEventReads as listReadRows, type Queryable } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import { idPage, pageQuery } from './event-read-log';

export interface EventReadFilter {
  subjectKind?: string | undefined;
  subjectId?: string | undefined;
  /** The id of the oldest read of the previous page. */
  cursor?: number | undefined;
  limit?: number | undefined;
}

/** Who read whose events, and when (for auditors), newest first. */
export async function listEventReads(options: { db: Queryable; actor: Actor; input: EventReadFilter }) {
  authorise(options.actor, 'event_read_log', 'read');
  return idPage(await listReadRows(options.db, pageQuery(options.actor.municipalityId, options.input)));
}
