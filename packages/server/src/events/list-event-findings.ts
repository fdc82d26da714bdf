import type { Actor } from '@portvakt/core';
import { listEventFindings as listFindingRows, type Queryable } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import { idPage, pageQuery } from './event-read-log';

export interface EventFindingFilter {
  kind?: string | undefined;
  deviceId?: string | undefined;
  /** The id of the oldest finding of the previous page. */
  cursor?: number | undefined;
  limit?: number | undefined;
}

/** Integrity findings of the actor's municipality, newest first. */
export async function listEventFindings(options: { db: Queryable; actor: Actor; input: EventFindingFilter }) {
  authorise(options.actor, 'event_finding', 'read');
  return idPage(await listFindingRows(options.db, pageQuery(options.actor.municipalityId, options.input)));
}
