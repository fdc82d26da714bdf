import { holderNameReach, type Actor, type EntityDefinition } from '@portvakt/core';
import { findEntity, findKeyHolderNames, type Queryable, type Row } from '@portvakt/storage';
import { authorise } from '../platform/authorise';

/**
 * Adds the facts a registry answer carries beyond the entity's own fields that depend on who asks,
 * so the console needs no request per row: a key's holder by name (as far as the caller may be
 * told, core `holderNameReach`). Facts alike for every reader (a customer's home address) come with
 * the row from storage. Only for rows the caller has already been allowed to read.
 */
export async function presentRegistryRows(
  db: Queryable,
  actor: Actor,
  entity: EntityDefinition,
  rows: Row[],
): Promise<Row[]> {
  if (entity.resource !== 'digital_key') return rows;
  const reach = holderNameReach(actor);
  const names =
    reach.kind === 'none'
      ? new Map<string, string>()
      : await findKeyHolderNames(
          db,
          actor.municipalityId,
          rows.map((row) => row.id as string),
          reach.kind === 'provider'
            ? { providerId: reach.providerId }
            : reach.kind === 'self'
              ? { staffMemberId: reach.staffMemberId }
              : {},
        );
  return rows.map((row) => ({ ...row, holderName: names.get(row.id as string) ?? null }));
}

/**
 * A row just created or changed as a read of it answers (`GET`): with the facts storage presents (a
 * customer's home address) and those that depend on the reader (a key's holder), so the answer of
 * a write and the next read agree. Read in the write's own transaction, by the reader's own scope.
 */
export async function presentWrittenRow(
  db: Queryable,
  actor: Actor,
  entity: EntityDefinition,
  written: Row,
): Promise<Row> {
  const scope = authorise(actor, entity.resource, 'read');
  const row = await findEntity(db, entity, scope, written.id as string, { isPresented: true });
  return (await presentRegistryRows(db, actor, entity, [row ?? written]))[0]!;
}
