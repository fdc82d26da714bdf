import { holderNameReach, type Actor, type EntityDefinition } from '@portvakt/core';
import {
  findEntity,
  findKeyHolderNames,
  readGranterNames,
  type Queryable,
  type Row,
} from '@portvakt/storage';
import { authorise } from '../platform/authorise';

/**
 * Adds the facts a registry answer carries beyond the entity's own fields that depend on who asks,
 * so the console needs no request per row: a key's holder by name (as far as the caller may be
 * told, core `holderNameReach`); a grant's giver by name (`grantedByName`, as far as the
 * permission history names them; the record itself keeps the username). Facts alike for every
 * reader (a customer's home address) come with the row from storage. Only for rows the caller has
 * already been allowed to read.
 */
export async function presentRegistryRows(
  db: Queryable,
  actor: Actor,
  entity: EntityDefinition,
  rows: Row[],
): Promise<Row[]> {
  if (entity.resource === 'access_grant') return withGranterNames(db, actor, rows);
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
 * customer's home address) and those that depend on the reader (a key's holder, a grant's giver),
 * so the answer of a write and the next read agree. Read in the write's own transaction, by the
 * reader's own scope.
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

async function withGranterNames(db: Queryable, actor: Actor, rows: Row[]): Promise<Row[]> {
  const scope = authorise(actor, 'access_grant', 'read');
  const names = await readGranterNames(
    db,
    actor.municipalityId,
    scope.kind === 'municipality' ? null : 'providerId' in scope ? scope.providerId : null,
    [...new Set(rows.map((row) => row.grantedBy as string))],
  );
  return rows.map((row) => ({ ...row, grantedByName: names.get(row.grantedBy as string) ?? null }));
}
