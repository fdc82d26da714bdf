import type { Actor, EntityDefinition } from '@portvakt/core';
import { listEntities, type Queryable, type Row } from '@portvakt/storage';
import type { ListCursors } from '../platform/list-cursor';
import type { FieldCrypto } from '../platform/secrets';
import { authorise } from '../platform/authorise';
import { normaliseIdentityNumberOrThrow } from './registry-checks';
import { presentRegistryRows } from './present-registry-rows';

/** A list's query string as the route validated it: filters by field, plus the list controls. */
export type RegistryListInput = Record<string, unknown> & {
  q?: string;
  sort?: string;
  cursor?: string;
  limit?: number;
  identityNumber?: string;
};

/**
 * One page of an entity within the actor's scope: filtered, searched, sorted, keyset-paged with
 * a sealed cursor bound to the list, its order and the scope (docs/api.md "Paging").
 */
export async function listRegistryEntities(options: {
  db: Queryable;
  actor: Actor;
  entity: EntityDefinition;
  input: RegistryListInput;
  cursors: ListCursors;
  fieldCrypto: FieldCrypto;
}): Promise<{ items: Row[]; nextCursor: string | null }> {
  const { db, actor, entity, cursors } = options;
  const scope = authorise(actor, entity.resource, 'read');
  const { q, sort, cursor, limit, identityNumber, ...filters } = options.input;
  if (identityNumber !== undefined) {
    filters.identityNumberLookup = options.fieldCrypto.lookupHash(
      normaliseIdentityNumberOrThrow(identityNumber),
    );
  }
  const sortSpec = sort ?? entity.defaultSort;
  const binding = { resource: entity.resource, sort: sortSpec, scope };
  const page = await listEntities(db, entity, scope, {
    filters,
    search: q,
    sort: sortSpec.replace(/^-/, ''),
    isDescending: sortSpec.startsWith('-'),
    limit: limit ?? 50,
    after: cursor === undefined ? undefined : cursors.open(cursor, binding),
  });
  const last = page.items.at(-1);
  return {
    items: await presentRegistryRows(db, actor, entity, page.items),
    nextCursor:
      page.hasMore && last && page.lastSortKey !== undefined
        ? cursors.seal({ sortKey: page.lastSortKey, id: last.id as string }, binding)
        : null,
  };
}
