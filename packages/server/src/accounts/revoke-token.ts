import { findToken, revokeToken as writeRevocation } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { UseCaseOptions } from '../platform/context';
import { notFound } from '../platform/errors';

/** Revokes an API token of the municipality; revoking it again changes and records nothing. */
export async function revokeToken(options: UseCaseOptions<{ id: string }>): Promise<void> {
  const { actor, input } = options;
  await withAuditedTransaction(options, async (client, audit) => {
    const before = await findToken(client, actor.municipalityId, input.id);
    if (!before) throw notFound('API token');
    if (before.revokedAt) return;
    await writeRevocation(client, actor.municipalityId, input.id);
    const after = await findToken(client, actor.municipalityId, input.id);
    await audit({
      action: 'revoke',
      entity: 'api_token',
      entityId: input.id,
      before,
      after,
    });
  });
}
