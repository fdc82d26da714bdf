// GET /api/v1/locks/{id}/battery-changes: the lock's battery changes on record, newest first.
import { findEntity as findEntityDefinition, type Actor } from '@portvakt/core';
import type { BatteryChange as BatteryChangeView } from '@portvakt/contract';
import {
  findEntity,
  listBatteryChanges as readBatteryChanges,
  type BatteryChange,
  type Queryable,
} from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import { notFound } from '../platform/errors';

const lockEntity = findEntityDefinition('lock_device');

export function presentBatteryChange(change: BatteryChange): BatteryChangeView {
  return {
    ...change,
    changedAt: change.changedAt.toISOString(),
    recordedAt: change.recordedAt.toISOString(),
  };
}

export async function listBatteryChanges(options: {
  db: Queryable;
  actor: Actor;
  input: { id: string };
}): Promise<{ items: BatteryChangeView[] }> {
  const { db, actor, input } = options;
  const scope = authorise(actor, 'battery_forecast', 'read');
  if (!(await findEntity(db, lockEntity, scope, input.id))) throw notFound(lockEntity.label);
  const changes = await readBatteryChanges(db, actor.municipalityId, [input.id]);
  return { items: changes.map(presentBatteryChange) };
}
