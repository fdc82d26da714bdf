import { oidcLoginStateLifetimeSeconds } from '@portvakt/core';
import { findEnabledOidcConfigByCode, insertOidcLoginState, type Queryable } from '@portvakt/storage';
import { ApiError } from '../platform/errors';
import type { FieldCrypto } from '../platform/secrets';
import { hashSecret } from './auth';
import { buildOidcAuthorization, discoverOidcProvider } from './oidc-client';

/**
 * Starts a sign-in through the municipality's identity provider: keeps state (as its hash),
 * nonce and PKCE verifier in the database, single use and short-lived, so any server process can
 * finish it, and answers where to send the browser.
 */
export async function startOidcLogin({
  db,
  input,
  fieldCrypto,
  now,
  redirectUri,
}: {
  db: Queryable;
  input: { municipality: string };
  fieldCrypto: FieldCrypto;
  now: Date;
  redirectUri: string;
}): Promise<URL> {
  const config = await findEnabledOidcConfigByCode(db, input.municipality);
  if (!config)
    throw new ApiError(
      404,
      'oidc_not_configured',
      'This municipality has no sign-in through an identity provider.',
    );
  const provider = await discoverOidcProvider({
    issuerUrl: config.issuerUrl,
    clientId: config.clientId,
    clientSecret: fieldCrypto.decrypt(config.clientSecretSealed),
    now,
  });
  const authorization = await buildOidcAuthorization(provider, redirectUri);
  await insertOidcLoginState(db, {
    stateHash: hashSecret(authorization.state),
    municipalityId: config.municipalityId,
    nonce: authorization.nonce,
    codeVerifier: authorization.codeVerifier,
    lifetimeSeconds: oidcLoginStateLifetimeSeconds,
  });
  return authorization.url;
}
