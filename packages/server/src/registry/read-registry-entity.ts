import type { EntityDefinition } from '@portvakt/core';
import { findEntity, type Queryable, type Row } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import { presentRegistryRows } from './present-registry-rows';

/** One row of an entity; 404 when it does not exist or lies outside the actor's scope alike. */
export async function readRegistryEntity(
  options: ReadOptions<{ id: string }, Queryable> & { entity: EntityDefinition },
): Promise<Row> {
  const { db, actor, entity } = options;
  const scope = authorise(actor, entity.resource, 'read');
  const row = await findEntity(db, entity, scope, options.input.id, { isPresented: true });
  if (!row) throw notFound(entity.label);
  return (await presentRegistryRows(db, actor, entity, [row]))[0]!;
}
