import { checkNewToken, type TokenRole } from '@portvakt/core';
import { insertToken, type TokenRecord } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { UseCaseOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { createApiToken, hashSecret } from './auth';
import { findLinkedRow } from './linked-row';

export interface NewTokenInput {
  name: string;
  role: TokenRole;
  providerId?: string | null;
  isReadOnly?: boolean;
  expiresAt?: string | null;
}

/** An administrator creates an API token; its secret is returned once and stored only as a hash. */
export async function createToken(
  options: UseCaseOptions<NewTokenInput>,
): Promise<{ token: string; apiToken: TokenRecord }> {
  const { actor, input } = options;
  const refusal = checkNewToken(input, Date.now());
  if (refusal) throw new ApiError(422, refusal.code, refusal.message);
  const { token, prefix } = createApiToken();
  const apiToken = await withAuditedTransaction(options, async (client, audit) => {
    await findLinkedRow(client, actor, 'provider', input.providerId);
    const record = await insertToken(client, {
      municipalityId: actor.municipalityId,
      name: input.name,
      tokenHash: hashSecret(token),
      tokenPrefix: prefix,
      role: input.role,
      providerId: input.providerId ?? null,
      isReadOnly: input.isReadOnly ?? false,
      createdBy: actor.id,
      expiresAt: input.expiresAt ?? null,
    });
    await audit({
      action: 'create',
      entity: 'api_token',
      entityId: record.id,
      after: record,
    });
    return record;
  });
  return { token, apiToken };
}
