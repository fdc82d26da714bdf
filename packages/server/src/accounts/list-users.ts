import type { Role } from '@portvakt/core';
import { listUsers as selectUsers, type PublicUser } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';

export interface UserListFilter {
  role?: Role;
  providerId?: string;
}

/** The municipality's user accounts, for its administrators (docs/permissions.md). */
export async function listUsers({
  db,
  actor,
  input,
}: ReadOptions<UserListFilter>): Promise<{ items: PublicUser[] }> {
  authorise(actor, 'user_account', 'read');
  return { items: await selectUsers(db, actor.municipalityId, input) };
}
