import { holderNameReach, type Actor, type EntityDefinition } from '@portvakt/core';
import { findKeyHolderNames, type Queryable, type Row } from '@portvakt/storage';

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
