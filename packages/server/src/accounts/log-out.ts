import { deleteSession, type Queryable } from '@portvakt/storage';
import { recordChange } from '../audit';
import type { UseCaseOptions } from '../platform/context';
import { ApiError } from '../platform/errors';

/** Ends the browser session the request came with; API tokens are revoked instead. */
export async function logOut({
  db,
  actor,
  input,
  requestId,
}: UseCaseOptions<{ sessionIdHash: Buffer | undefined }, Queryable>): Promise<void> {
  if (!input.sessionIdHash)
    throw new ApiError(400, 'no_session', 'Only a browser session can log out; revoke API tokens instead.');
  await deleteSession(db, input.sessionIdHash);
  await recordChange(db, actor, {
    action: 'logout',
    entity: 'user_session',
    entityId: actor.id,
    requestId,
  });
}
