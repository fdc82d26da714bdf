import { findUser, type PublicUser } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { notFound } from '../platform/errors';

/** One user account of the municipality; another municipality's is as unknown as none. */
export async function readUser({ db, actor, input }: ReadOptions<{ id: string }>): Promise<PublicUser> {
  authorise(actor, 'user_account', 'read');
  const user = await findUser(db, actor.municipalityId, input.id);
  if (!user) throw notFound('user');
  return user;
}
