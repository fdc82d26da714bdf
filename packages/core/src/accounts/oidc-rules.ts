// OpenID Connect sign-in (docs/oidc.md): which configurations are acceptable, how a claim is read
// and compared, and what a signed-in person may become. Pure: the server does the HTTP and SQL.
import type { Role } from '../platform/roles';

/** A sign-in under way (state, nonce, PKCE verifier) is finished within this, or started again. */
export const oidcLoginStateLifetimeSeconds = 10 * 60;

/** Claims a configuration may match on: `sub`, or one claim the provider releases (e.g. `email`). */
export const oidcClaimPattern = /^[A-Za-z0-9_.:-]{1,100}$/;

/** Claims the console offers; any claim name that fits `oidcClaimPattern` is accepted. */
export const commonOidcClaims = ['sub', 'email', 'employee_number', 'personal_identity_number'] as const;

export interface OidcConfigInput {
  issuerUrl: string;
  clientId: string;
  matchClaim: string;
}

export interface OidcConfigRefusal {
  code: 'oidc_config_invalid';
  field: 'issuerUrl' | 'clientId' | 'matchClaim';
  message: string;
}

/** Whether a host name is this machine: plain HTTP is tolerated only there (a provider under test). */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * An issuer is an absolute HTTPS URL without query or fragment (OpenID Connect Discovery §2);
 * plain HTTP only on the loopback address. The claim must be a plain claim name.
 */
export function judgeOidcConfig(config: OidcConfigInput): OidcConfigRefusal | null {
  let url: URL | undefined;
  try {
    url = new URL(config.issuerUrl);
  } catch {
    url = undefined;
  }
  const isSecure = url?.protocol === 'https:' || (url?.protocol === 'http:' && isLoopbackHost(url.hostname));
  if (!url || !isSecure || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '')
    return {
      code: 'oidc_config_invalid',
      field: 'issuerUrl',
      message: 'The issuer must be an https:// URL without query or fragment (http:// only on localhost).',
    };
  if (config.clientId.trim() !== config.clientId || config.clientId === '')
    return {
      code: 'oidc_config_invalid',
      field: 'clientId',
      message: 'The client id must not be blank or padded.',
    };
  if (!oidcClaimPattern.test(config.matchClaim))
    return {
      code: 'oidc_config_invalid',
      field: 'matchClaim',
      message: 'The claim must be a plain claim name, e.g. sub or email.',
    };
  return null;
}

/**
 * The value a claim carries, as it is compared: strings and integers only (a claim of another
 * shape names nobody). E-mail addresses compare without case; other values as given, trimmed.
 */
export function readOidcClaimValue(claims: Record<string, unknown>, claim: string): string | undefined {
  const value = claims[claim];
  const text = typeof value === 'string' ? value : Number.isSafeInteger(value) ? String(value) : undefined;
  return text === undefined ? undefined : normaliseOidcClaimValue(claim, text);
}

/** How an admin's pre-set value and a token's value are made comparable. */
export function normaliseOidcClaimValue(claim: string, value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  return claim === 'email' ? trimmed.toLowerCase() : trimmed;
}

export type OidcAccountDecision =
  { kind: 'accepted' } | { kind: 'refused'; reason: 'account_unknown' | 'account_disabled' };

/**
 * Whether the account a sign-in matched may be signed in. The provider only vouches for who the
 * person is; what they may do stays the account's (role and links set by an admin): an unknown
 * person is refused and nothing is created, so no one becomes an administrator by signing in.
 */
export function decideOidcAccount(
  account: { isDisabled: boolean; role: Role } | undefined,
): OidcAccountDecision {
  if (!account) return { kind: 'refused', reason: 'account_unknown' };
  if (account.isDisabled) return { kind: 'refused', reason: 'account_disabled' };
  return { kind: 'accepted' };
}
