// The relying party's side of OpenID Connect (docs/oidc.md), through openid-client: discovery,
// the authorization URL with PKCE, state and nonce, and the code exchange whose ID token
// openid-client validates (signature, issuer, audience, expiry, nonce, c_hash). Its failures are
// turned into our stable codes here, so the use cases never see the library's errors.
import { isLoopbackHost } from '@portvakt/core';
import type { OidcConfigRecord } from '@portvakt/storage';
import * as oidc from 'openid-client';
import { ApiError } from '../platform/errors';
import type { FieldCrypto } from '../platform/secrets';

export interface OidcClientSettings {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  /** Our clock (the context's): tokens are judged against it, not against the process's wall clock. */
  now: Date;
}

/** Scopes asked for: `openid`, and what a claim to match accounts on is usually released under. */
const scope = 'openid email profile';

/** Reads the provider's discovery document; refuses an unreachable or inconsistent provider. */
export async function discoverOidcProvider(
  settings: OidcClientSettings,
  failure: 'oidc_discovery_failed' | 'oidc_provider_unreachable' = 'oidc_provider_unreachable',
): Promise<oidc.Configuration> {
  const issuer = new URL(settings.issuerUrl);
  const isLoopback = issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname);
  try {
    return await oidc.discovery(
      issuer,
      settings.clientId,
      {
        client_secret: settings.clientSecret,
        // openid-client reads "now" as the wall clock plus this many seconds.
        [oidc.clockSkew]: Math.round((settings.now.getTime() - Date.now()) / 1000),
      },
      oidc.ClientSecretBasic(settings.clientSecret),
      // Plain HTTP only for a provider on this machine (judgeOidcConfig allows no other).
      { timeout: 10, ...(isLoopback ? { execute: [oidc.allowInsecureRequests] } : {}) },
    );
  } catch (error) {
    throw new ApiError(
      failure === 'oidc_discovery_failed' ? 422 : 502,
      failure,
      `The identity provider's discovery document could not be read: ${describe(error)}`,
    );
  }
}

export interface OidcAuthorization {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** A fresh authorization request: code flow with PKCE (S256), a random state and nonce. */
export async function buildOidcAuthorization(
  config: oidc.Configuration,
  redirectUri: string,
): Promise<OidcAuthorization> {
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope,
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, state, nonce, codeVerifier };
}

/**
 * Exchanges the callback's code and answers the validated ID token's claims. The provider's own
 * refusal (`error=` on the callback), a code it will not exchange (used, expired, another
 * client's, wrong PKCE verifier) and a token that fails validation get codes of their own.
 */
export async function exchangeOidcCode(
  config: oidc.Configuration,
  callback: { redirectUri: string; query: Record<string, string> },
  expected: { state: string; nonce: string; codeVerifier: string },
): Promise<oidc.IDToken> {
  const currentUrl = new URL(callback.redirectUri);
  for (const [name, value] of Object.entries(callback.query)) currentUrl.searchParams.set(name, value);
  try {
    const tokens = await oidc.authorizationCodeGrant(
      config,
      currentUrl,
      {
        pkceCodeVerifier: expected.codeVerifier,
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      },
      { redirect_uri: callback.redirectUri },
    );
    const claims = tokens.claims();
    if (!claims) throw new ApiError(401, 'oidc_token_invalid', 'The identity provider sent no ID token.');
    return claims;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (error instanceof oidc.AuthorizationResponseError)
      throw new ApiError(
        400,
        'oidc_provider_refused',
        `The identity provider refused the sign-in: ${error.error}.`,
      );
    if (error instanceof oidc.ResponseBodyError)
      throw new ApiError(
        400,
        'oidc_code_rejected',
        `The identity provider would not exchange the code: ${error.error}.`,
      );
    if (isNetworkFailure(error))
      throw new ApiError(
        502,
        'oidc_provider_unreachable',
        `The identity provider could not be reached: ${describe(error)}`,
      );
    throw new ApiError(
      401,
      'oidc_token_invalid',
      `The identity provider's answer is not valid: ${describe(error)}`,
    );
  }
}

function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError || (error instanceof Error && error.name === 'TimeoutError');
}

/** The error's message and its causes' (openid-client wraps the precise reason, e.g. which claim failed). */
function describe(error: unknown): string {
  const messages: string[] = [];
  for (let cause = error; cause instanceof Error && messages.length < 3; cause = cause.cause)
    messages.push(cause.message);
  return messages.length > 0 ? messages.join(': ') : String(error);
}

/** Refuses with 404 `oidc_not_configured` a municipality without sign-in, or with it switched off. */
export function assertOidcEnabled(config: OidcConfigRecord | undefined): asserts config is OidcConfigRecord {
  if (!config?.isEnabled)
    throw new ApiError(
      404,
      'oidc_not_configured',
      'This municipality has no sign-in through an identity provider.',
    );
}

/** The provider of a municipality's sign-in configuration, discovered with its decrypted secret. */
export function discoverConfiguredProvider(
  config: OidcConfigRecord,
  fieldCrypto: FieldCrypto,
  now: Date,
): Promise<oidc.Configuration> {
  return discoverOidcProvider({
    issuerUrl: config.issuerUrl,
    clientId: config.clientId,
    clientSecret: fieldCrypto.decrypt(config.clientSecretSealed),
    now,
  });
}
