import type { Actor, EntityDefinition } from '@portvakt/core';
import { deleteEntity, findEntity, updateEntity, type Queryable, type WriteValues } from '@portvakt/storage';
import { recordChange } from '../audit';

/** Changes one row a hook follows up on (a resident's district, a blocked key) and audits it as `action`. */
export async function updateOnRecord(
  db: Queryable,
  actor: Actor,
  change: { entity: EntityDefinition; id: string; values: WriteValues; action: string; requestId: string },
): Promise<void> {
  const { entity, id } = change;
  const scope = { kind: 'municipality' as const, municipalityId: actor.municipalityId };
  const before = await findEntity(db, entity, scope, id);
  await updateEntity(db, entity, actor.municipalityId, id, change.values);
  const after = await findEntity(db, entity, scope, id);
  await recordChange(db, actor, {
    action: change.action,
    entity: entity.resource,
    entityId: id,
    before,
    after,
    requestId: change.requestId,
  });
}

/** Removes one row a hook follows up on (a grant that would begin after the employment) and audits it. */
export async function deleteOnRecord(
  db: Queryable,
  actor: Actor,
  change: { entity: EntityDefinition; id: string; requestId: string },
): Promise<void> {
  const { entity, id } = change;
  const scope = { kind: 'municipality' as const, municipalityId: actor.municipalityId };
  const before = await findEntity(db, entity, scope, id);
  await deleteEntity(db, entity, actor.municipalityId, id);
  await recordChange(db, actor, {
    action: 'delete',
    entity: entity.resource,
    entityId: id,
    before,
    after: null,
    requestId: change.requestId,
  });
}
