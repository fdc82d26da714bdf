import { findToken, revokeToken as writeRevocation, withTransaction } from '@portvakt/storage';
import { recordChange } from '../audit';
import type { UseCaseOptions } from '../platform/context';
import { notFound } from '../platform/errors';

/** Revokes an API token of the municipality; revoking it again changes and records nothing. */
export async function revokeToken({
  db,
  actor,
  input,
  requestId,
}: UseCaseOptions<{ id: string }>): Promise<void> {
  await withTransaction(db, async (client) => {
    const before = await findToken(client, actor.municipalityId, input.id);
    if (!before) throw notFound('API token');
    if (before.revokedAt) return;
    await writeRevocation(client, input.id);
    const after = await findToken(client, actor.municipalityId, input.id);
    await recordChange(client, actor, {
      action: 'revoke',
      entity: 'api_token',
      entityId: input.id,
      before,
      after,
      requestId,
    });
  });
}
