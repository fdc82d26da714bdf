import { findEntity as findEntityDefinition, type Actor } from '@portvakt/core';
import { findEntity, type Queryable } from '@portvakt/storage';
import { ApiError } from '../platform/errors';

/**
 * The registry row an account or token is linked to, looked up in the actor's municipality;
 * 422 unknown_reference when there is none. Nothing to look up gives undefined.
 */
export async function findLinkedRow(
  db: Queryable,
  actor: Actor,
  resource: 'provider' | 'staff_member' | 'property_owner' | 'locksmith_company',
  id: string | null | undefined,
) {
  if (!id) return undefined;
  const row = await findEntity(
    db,
    findEntityDefinition(resource),
    { kind: 'municipality', municipalityId: actor.municipalityId },
    id,
  );
  if (!row)
    throw new ApiError(422, 'unknown_reference', `No ${resource.replaceAll('_', ' ')} with id ${id}.`);
  return row;
}
