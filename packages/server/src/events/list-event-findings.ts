import { listEventFindings as listFindingRows, type Queryable } from '@portvakt/storage';
import type { ReadOptions } from '../platform/context';
import { listRecordPage, type PageInput } from './event-read-log';

export interface EventFindingFilter extends PageInput {
  kind?: string | undefined;
  deviceId?: string | undefined;
}

/** Integrity findings of the actor's municipality, newest first. */
export async function listEventFindings(options: ReadOptions<EventFindingFilter, Queryable>) {
  return listRecordPage(options, 'event_finding', listFindingRows);
}
