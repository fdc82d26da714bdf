// Every read of events writes an event_read_log row (who read whose events, when) in the same
// transaction as the read (docs/event-log.md "Queries and read logging").
import { judgePeriodOrder, type Actor, type Resource } from '@portvakt/core';
import { recordEventRead, type Queryable } from '@portvakt/storage';
import { actorColumns } from '../audit';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { ApiError } from '../platform/errors';

export interface EventReadRecord {
  queryKind: string;
  subjectKind: string;
  subjectId: string | null;
  from?: Date | undefined;
  to?: Date | undefined;
  rowCount: number;
}

export async function logEventRead(
  db: Queryable,
  actor: Actor,
  requestId: string,
  read: EventReadRecord,
): Promise<void> {
  await recordEventRead(db, {
    ...actorColumns(actor),
    queryKind: read.queryKind,
    subjectKind: read.subjectKind,
    subjectId: read.subjectId,
    timeFrom: read.from ?? null,
    timeTo: read.to ?? null,
    rowCount: read.rowCount,
    requestId,
  });
}

/** A report's period as asked for: ISO times, either left out for its default. */
export interface ReportPeriodInput {
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * A report's period: `to` defaults to the request's clock reading (`now`: the live demo's
 * simulated clock, not the machine's), `from` to `defaultDays` before `to`; 400 invalid_range
 * when `from` is not before `to` (core's judgePeriodOrder, as every period query).
 */
export function reportPeriod(
  query: ReportPeriodInput,
  defaultDays: number,
  now: Date,
): { from: Date; to: Date } {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - defaultDays * 86_400_000);
  const refusal = judgePeriodOrder(from, to);
  if (refusal) throw new ApiError(400, refusal.code, refusal.message);
  return { from, to };
}

/** Where a keyset page starts and how long it is. */
export interface PageInput {
  /** The id of the oldest row of the previous page. */
  cursor?: number | undefined;
  limit?: number | undefined;
}

/** A keyset page of the actor's municipality: the storage query's filter, bound and size. */
export function pageQuery<T extends PageInput>(
  municipalityId: string,
  input: T,
): Omit<T, 'cursor' | 'limit'> & { municipalityId: string; beforeId: number | undefined; limit: number } {
  const { cursor, limit, ...filter } = input;
  return { ...filter, municipalityId, beforeId: cursor, limit: limit ?? 100 };
}

/** The API's page: the rows and the id to continue before (null on the last page). */
export function idPage<T extends { id: number }>(page: { items: T[]; hasMore: boolean }) {
  return { items: page.items, nextCursor: page.hasMore ? (page.items.at(-1)?.id ?? null) : null };
}

/**
 * A page of the municipality's own records about the event log (integrity findings, the read
 * log), newest first, for those who may read `resource`.
 */
export async function listRecordPage<Filter extends PageInput, Row extends { id: number }>(
  { db, actor, input }: ReadOptions<Filter, Queryable>,
  resource: Resource,
  listRows: (
    db: Queryable,
    query: ReturnType<typeof pageQuery<Filter>>,
  ) => Promise<{ items: Row[]; hasMore: boolean }>,
) {
  authorise(actor, resource, 'read');
  return idPage(await listRows(db, pageQuery(actor.municipalityId, input)));
}
