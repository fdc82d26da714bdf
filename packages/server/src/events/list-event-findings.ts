import { listEventFindings as listFindingRows, type Queryable } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { idPage, pageQuery, type PageInput } from './event-read-log';

export interface EventFindingFilter extends PageInput {
  kind?: string | undefined;
  deviceId?: string | undefined;
}

/** Integrity findings of the actor's municipality, newest first. */
export async function listEventFindings(options: ReadOptions<EventFindingFilter, Queryable>) {
  authorise(options.actor, 'event_finding', 'read');
  return idPage(await listFindingRows(options.db, pageQuery(options.actor.municipalityId, options.input)));
}
