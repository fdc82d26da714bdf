import type { Actor, EntityDefinition } from '@portvakt/core';
import { deleteEntity, findEntity, updateEntity, type Queryable, type WriteValues } from '@portvakt/storage';
import { recordChange } from '../audit';

/** Writes one row a hook follows up on and audits it as `action`, with the row before and after. */
async function writeOnRecord(
  db: Queryable,
  actor: Actor,
  change: { entity: EntityDefinition; id: string; action: string; requestId: string },
  write: () => Promise<void>,
): Promise<void> {
  const { entity, id } = change;
  const scope = { kind: 'municipality' as const, municipalityId: actor.municipalityId };
  const before = await findEntity(db, entity, scope, id);
  await write();
  const after = (await findEntity(db, entity, scope, id)) ?? null;
  await recordChange(db, actor, {
    action: change.action,
    entity: entity.resource,
    entityId: id,
    before,
    after,
    requestId: change.requestId,
  });
}

/** Changes one row a hook follows up on (a resident's district, a blocked key) and audits it as `action`. */
export function updateOnRecord(
  db: Queryable,
  actor: Actor,
  change: { entity: EntityDefinition; id: string; values: WriteValues; action: string; requestId: string },
): Promise<void> {
  return writeOnRecord(db, actor, change, () =>
    updateEntity(db, change.entity, actor.municipalityId, change.id, change.values),
  );
}

/** Removes one row a hook follows up on (a grant that would begin after the employment) and audits it. */
export function deleteOnRecord(
  db: Queryable,
  actor: Actor,
  change: { entity: EntityDefinition; id: string; requestId: string },
): Promise<void> {
  return writeOnRecord(db, actor, { ...change, action: 'delete' }, () =>
    deleteEntity(db, change.entity, actor.municipalityId, change.id),
  );
}
