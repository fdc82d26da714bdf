import type { OidcLinkRow } from '@portvakt/contract';
import { normaliseOidcClaimValue } from '@portvakt/core';
import { findOidcConfig, findOidcLink, findUser, upsertOidcLink } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { UseCaseOptions } from '../platform/context';
import { ApiError, notFound, refuseText } from '../platform/errors';
import type { FieldCrypto } from '../platform/secrets';
import { presentOidcLink } from './unlink-oidc-account';

/**
 * Pre-sets the value of the configured claim an existing account is known by at the identity
 * provider (an e-mail, an employee or personal identity number, or the subject itself). Only a
 * keyed hash is stored. The first sign-in with that value binds the provider's subject to the
 * account; setting a new value unbinds it. Accounts are never made here or at sign-in.
 */
export async function linkOidcAccount(
  options: UseCaseOptions<{ userId: string; claimValue: string }> & { fieldCrypto: FieldCrypto },
): Promise<OidcLinkRow> {
  const { actor, input } = options;
  return withAuditedTransaction(options, async (client, audit) => {
    if (!(await findUser(client, actor.municipalityId, input.userId))) throw notFound('user account');
    const config = await findOidcConfig(client, actor.municipalityId);
    if (!config)
      throw new ApiError(
        409,
        'oidc_config_required',
        'Configure the identity provider before linking accounts.',
      );
    const value = normaliseOidcClaimValue(config.matchClaim, input.claimValue);
    if (value === undefined)
      throw refuseText('body.claimValue', 'blank', 'The claim value must not be blank.');
    const before = await findOidcLink(client, actor.municipalityId, input.userId);
    await upsertOidcLink(client, {
      municipalityId: actor.municipalityId,
      userId: input.userId,
      claimValueHash: options.fieldCrypto.lookupHash(value),
    });
    const after = presentOidcLink((await findOidcLink(client, actor.municipalityId, input.userId))!);
    await audit({
      action: 'link',
      entity: 'user_account',
      entityId: input.userId,
      before: before ? presentOidcLink(before) : undefined,
      after: { ...after, matchClaim: config.matchClaim },
    });
    return after;
  });
}
