import { withAuditEntriesLast, withTransaction, type Queryable } from '@portvakt/storage';
import type pg from 'pg';
import { recordChange, type AuditChange } from '../audit';
import type { UseCaseOptions } from './context';

/** Records one change as the use case's actor, tagged with its request id, in its transaction. */
export type RecordAudit = (change: Omit<AuditChange, 'requestId'>) => Promise<void>;

/**
 * Runs a write use case's `work` in one transaction (storage's `withTransaction`) and hands it
 * `audit`, so every change is recorded by the same actor and request, and kept or dropped with
 * the write it describes. `isAuditWrittenLast`, for a long transaction (a care-system import):
 * every entry of the work, `audit`'s and those the registry hooks write, is held back and
 * written when the work is done, so the municipality's audit chain is locked only for that last
 * step (storage's `withAuditEntriesLast`).
 */
export function withAuditedTransaction<T>(
  {
    db,
    actor,
    requestId,
  }: Pick<UseCaseOptions<unknown, pg.Pool | pg.PoolClient>, 'db' | 'actor' | 'requestId'>,
  work: (client: pg.PoolClient, audit: RecordAudit) => Promise<T>,
  { isAuditWrittenLast = false }: { isAuditWrittenLast?: boolean } = {},
): Promise<T> {
  return withTransaction(db, (client) => {
    const run = () => work(client, (change) => recordChange(client, actor, { ...change, requestId }));
    return isAuditWrittenLast ? withAuditEntriesLast(client, run) : run();
  });
}

/** Records one change as the use case's actor and request on its `db`, for a single write that needs no transaction. */
export function recordUseCaseChange(
  { db, actor, requestId }: Pick<UseCaseOptions<unknown, Queryable>, 'db' | 'actor' | 'requestId'>,
  change: Omit<AuditChange, 'requestId'>,
): Promise<void> {
  return recordChange(db, actor, { ...change, requestId });
}

/**
 * Audits `action` on an entity with its detail as read after the change (against `before`, with
 * `extra` beside the detail), and answers with that detail: how a change reports what it made.
 */
export async function auditWithDetail<Detail extends object>(
  audit: RecordAudit,
  change: { action: string; entity: string; id: string; before?: unknown; extra?: object },
  detail: Detail,
): Promise<Detail> {
  await audit({
    action: change.action,
    entity: change.entity,
    entityId: change.id,
    before: change.before,
    after: change.extra ? { ...detail, ...change.extra } : detail,
  });
  return detail;
}
