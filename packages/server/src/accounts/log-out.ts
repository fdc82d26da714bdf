import { deleteSession, type Queryable } from '@portvakt/storage';
import { recordUseCaseChange } from '../platform/audited-transaction';
import type { UseCaseOptions } from '../platform/context';
import { ApiError } from '../platform/errors';

/** Ends the browser session the request came with; API tokens are revoked instead. */
export async function logOut(
  options: UseCaseOptions<{ sessionIdHash: Buffer | undefined }, Queryable>,
): Promise<void> {
  const { db, actor, input } = options;
  if (!input.sessionIdHash)
    throw new ApiError(400, 'no_session', 'Only a browser session can log out; revoke API tokens instead.');
  await deleteSession(db, { municipalityId: actor.municipalityId, idHash: input.sessionIdHash });
  await recordUseCaseChange(options, { action: 'logout', entity: 'user_session', entityId: actor.id });
}
