// Whether the actor reaches a property owner at all: another municipality's owner, or another
// owner for a property owner's own login, is 404 like one that does not exist.
import type { Scope } from '@portvakt/core';
import { findPropertyOwnerName, type Queryable } from '@portvakt/storage';
import { notFound } from '../platform/errors';

export async function requireReachableOwner(db: Queryable, scope: Scope, ownerId: string): Promise<string> {
  if (scope.kind === 'owner' && scope.propertyOwnerId !== ownerId) throw notFound('property owner');
  const name = await findPropertyOwnerName(db, scope.municipalityId, ownerId);
  if (name === undefined) throw notFound('property owner');
  return name;
}
