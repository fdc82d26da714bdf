import type { AuditPage } from '@portvakt/contract';
import type { Actor } from '@portvakt/core';
import { listAudit, type Queryable } from '@portvakt/storage';
import { readQueryPeriod } from '../platform/query-period';
import { presentAuditEntry } from './audit-actor-presenter';
import { nameAuditReferences } from './name-audit-references';

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actorUserId?: string;
  action?: string;
  /** ISO instants: from inclusive, to exclusive. */
  from?: string;
  to?: string;
  /** The id of the oldest entry of the previous page. */
  cursor?: number;
  limit?: number;
}

/**
 * One page of the actor's municipality's audit trail, newest first, with the names of the records
 * its entries refer to; 400 invalid_range for a reversed period.
 */
export async function readAuditPage({
  db,
  actor,
  input,
}: {
  db: Queryable;
  actor: Actor;
  input: AuditFilter;
}): Promise<AuditPage> {
  const { cursor, limit, ...filter } = input;
  readQueryPeriod(filter);
  const page = await listAudit(db, {
    ...filter,
    municipalityId: actor.municipalityId,
    beforeId: cursor,
    limit: limit ?? 100,
  });
  const items = page.items.map(presentAuditEntry);
  return {
    items,
    nextCursor: page.hasMore ? (page.items.at(-1)?.id ?? null) : null,
    references: await nameAuditReferences(db, actor, items),
  };
}
