import { oidcLoginStateLifetimeSeconds } from '@portvakt/core';
import { findEnabledOidcConfigByCode, insertOidcLoginState, type Queryable } from '@portvakt/storage';
import type { FieldCrypto } from '../platform/secrets';
import { hashSecret } from './auth';
import { assertOidcEnabled, buildOidcAuthorization, discoverConfiguredProvider } from './oidc-client';

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
  assertOidcEnabled(config);
  const provider = await discoverConfiguredProvider(config, fieldCrypto, now);
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
