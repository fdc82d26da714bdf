import type { Actor } from '@portvakt/core';
import { appendAudit, type Queryable } from '@portvakt/storage';

/** Who acted, as the audit trail and the event read log store it beside each entry. */
export function actorColumns(actor: Actor) {
  return {
    municipalityId: actor.municipalityId,
    actorUserId: actor.kind === 'user' ? actor.id : null,
    actorTokenId: actor.kind === 'token' ? actor.id : null,
    actorLabel: actor.label,
    actorRole: actor.role,
  };
}

/** One change as the audit trail records it: what was done to which entity, and its states. */
export interface AuditChange {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string;
}

/** Records one change made by `actor` in the append-only audit trail, in the caller's transaction. */
export async function recordChange(db: Queryable, actor: Actor, change: AuditChange): Promise<void> {
  await appendAudit(db, {
    ...actorColumns(actor),
    action: change.action,
    entity: change.entity,
    entityId: change.entityId ?? null,
    before: change.before,
    after: change.after,
    requestId: change.requestId ?? null,
  });
}
