import { listEventReads as listReadRows, type Queryable } from '@portvakt/storage';
import type { ReadOptions } from '../platform/context';
import { listRecordPage, type PageInput } from './event-read-log';

export interface EventReadFilter extends PageInput {
  subjectKind?: string | undefined;
  subjectId?: string | undefined;
}

/** Who read whose events, and when (for auditors), newest first. */
export async function listEventReads(options: ReadOptions<EventReadFilter, Queryable>) {
  return listRecordPage(options, 'event_read_log', listReadRows);
}
