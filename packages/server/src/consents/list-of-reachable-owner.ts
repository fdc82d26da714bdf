// What the owner-contact readers read of one property owner (its contacts, its contact log): in
// the policy's scope for `property_owner_contact`, of an owner the actor reaches (404 otherwise).
import type { Scope } from '@portvakt/core';
import type { Queryable } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { requireReachableOwner } from './owner-access';

export interface OwnerList<Row, Item> {
  read: (db: Queryable, municipalityId: string, ownerId: string) => Promise<Row[]>;
  present: (row: Row) => Item;
  /** Throws for a scope that may read owner contacts but not this list, before the owner is looked up. */
  refuseScope?: (scope: Scope) => void;
}

/** The owner's rows `list` reads, presented. */
export async function listOfReachableOwner<Row, Item>(
  { db, actor, input }: ReadOptions<{ ownerId: string }>,
  list: OwnerList<Row, Item>,
): Promise<{ items: Item[] }> {
  const scope = authorise(actor, 'property_owner_contact', 'read');
  list.refuseScope?.(scope);
  await requireReachableOwner(db, scope, input.ownerId);
  const rows = await list.read(db, actor.municipalityId, input.ownerId);
  return { items: rows.map(list.present) };
}
