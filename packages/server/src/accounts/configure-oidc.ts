import type { OidcConfigBody, OidcConfigView } from '@portvakt/contract';
import { judgeOidcConfig } from '@portvakt/core';
import { findOidcConfig, upsertOidcConfig, type OidcConfigRecord } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { UseCaseOptions } from '../platform/context';
import { ApiError, throwIfRefused } from '../platform/errors';
import type { FieldCrypto } from '../platform/secrets';
import { discoverOidcProvider } from './oidc-client';

/** Where the identity provider sends people back; registered there as the client's redirect URI. */
export function readOidcRedirectUri(publicUrl: string): string {
  return new URL('/api/v1/auth/oidc/callback', publicUrl).toString();
}

/** The configuration as the admin sees it: never the secret, only whether one is stored. */
export function presentOidcConfig(record: OidcConfigRecord, publicUrl: string): OidcConfigView {
  return {
    issuerUrl: record.issuerUrl,
    clientId: record.clientId,
    hasClientSecret: record.clientSecretSealed.length > 0,
    matchClaim: record.matchClaim,
    isEnabled: record.isEnabled,
    redirectUri: readOidcRedirectUri(publicUrl),
    updatedAt: record.updatedAt.toISOString(),
  };
}

/**
 * Sets the municipality's identity provider. The issuer's discovery document is read first with
 * the given client, so a mistyped issuer is refused (422) instead of breaking sign-in later; the
 * secret is sealed with the field key; the audit entry records everything but the secret.
 */
export async function configureOidc(
  options: UseCaseOptions<OidcConfigBody> & { now: Date; fieldCrypto: FieldCrypto; publicUrl: string },
): Promise<OidcConfigView> {
  const { actor, input, fieldCrypto } = options;
  throwIfRefused(judgeOidcConfig(input));
  const before = await findOidcConfig(options.db, actor.municipalityId);
  const secret = input.clientSecret ?? (before ? fieldCrypto.decrypt(before.clientSecretSealed) : undefined);
  // Whether the secret may be left out depends on what is stored (kept when it is), not on the
  // request's shape: a refusal of its own, not the schema's 400.
  if (secret === undefined)
    throw new ApiError(
      422,
      'client_secret_required',
      'A client secret is required the first time the identity provider is configured.',
      { field: 'clientSecret' },
    );
  if (input.isEnabled)
    await discoverOidcProvider({ ...input, clientSecret: secret, now: options.now }, 'oidc_discovery_failed');
  return withAuditedTransaction(options, async (client, audit) => {
    await upsertOidcConfig(client, {
      municipalityId: actor.municipalityId,
      issuerUrl: input.issuerUrl,
      clientId: input.clientId,
      clientSecretSealed: input.clientSecret === undefined ? null : fieldCrypto.encrypt(input.clientSecret),
      matchClaim: input.matchClaim,
      isEnabled: input.isEnabled,
    });
    const after = presentOidcConfig((await findOidcConfig(client, actor.municipalityId))!, options.publicUrl);
    await audit({
      action: before ? 'update' : 'create',
      entity: 'oidc_config',
      entityId: actor.municipalityId,
      before: before ? presentOidcConfig(before, options.publicUrl) : undefined,
      after: { ...after, isSecretChanged: input.clientSecret !== undefined },
    });
    return after;
  });
}
