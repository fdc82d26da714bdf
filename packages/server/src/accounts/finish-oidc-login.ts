import { decideOidcAccount, readOidcClaimValue } from '@portvakt/core';
import {
  appendAudit,
  completeOidcLink,
  findOidcConfig,
  findUserByOidcClaim,
  findUserByOidcSubject,
  takeOidcLoginState,
  withTransaction,
  type UserRecord,
} from '@portvakt/storage';
import type pg from 'pg';
import { ApiError } from '../platform/errors';
import type { FieldCrypto } from '../platform/secrets';
import { hashSecret } from './auth';
import { openSession, type OpenedSession } from './log-in';
import { assertOidcEnabled, discoverConfiguredProvider, exchangeOidcCode } from './oidc-client';

export interface OidcCallback {
  /** The callback's query as the provider sent it (code, state, iss; or error). */
  query: Record<string, string>;
}

/**
 * Finishes a sign-in: takes the sign-in under way named by `state` (once), lets openid-client
 * exchange the code and validate the ID token (issuer, audience, expiry, nonce, signature), finds
 * the existing account the token names, and opens the same session a password login opens.
 * Refusals after the provider answered are audited as failed logins; nothing else is written.
 */
export async function finishOidcLogin({
  db,
  input,
  requestId,
  fieldCrypto,
  now,
  redirectUri,
}: {
  db: pg.Pool;
  input: OidcCallback;
  requestId: string;
  fieldCrypto: FieldCrypto;
  now: Date;
  redirectUri: string;
}): Promise<OpenedSession> {
  const state = input.query.state;
  const pending = state ? await takeOidcLoginState(db, hashSecret(state)) : undefined;
  if (!state || !pending)
    throw new ApiError(
      400,
      'oidc_state_mismatch',
      'This sign-in is unknown, already used or expired; start again.',
    );
  const config = await findOidcConfig(db, pending.municipalityId);
  assertOidcEnabled(config);
  const provider = await discoverConfiguredProvider(config, fieldCrypto, now);
  const refuse = async (reason: string, details: Record<string, unknown> = {}, user?: UserRecord) =>
    appendAudit(db, {
      municipalityId: pending.municipalityId,
      actorUserId: user?.id ?? null,
      actorLabel: user?.username ?? 'oidc',
      action: 'login_failed',
      entity: 'user_session',
      after: { channel: 'oidc', reason, issuer: config.issuerUrl, ...details },
      requestId,
    });
  let claims: Awaited<ReturnType<typeof exchangeOidcCode>>;
  try {
    claims = await exchangeOidcCode(provider, { redirectUri, query: input.query }, { state, ...pending });
  } catch (error) {
    if (error instanceof ApiError) await refuse(error.code, { message: error.message });
    throw error;
  }
  const user = await withTransaction(db, async (client) => {
    const bySubject = await findUserByOidcSubject(client, pending.municipalityId, claims.iss, claims.sub);
    if (bySubject) return bySubject;
    const value = readOidcClaimValue(claims, config.matchClaim);
    const byClaim =
      value === undefined
        ? undefined
        : await findUserByOidcClaim(client, pending.municipalityId, fieldCrypto.lookupHash(value));
    // The first sign-in binds the subject; a disabled account stays unbound until it may sign in.
    if (byClaim && !byClaim.isDisabled)
      await completeOidcLink(client, {
        municipalityId: pending.municipalityId,
        userId: byClaim.id,
        issuerUrl: claims.iss,
        subject: claims.sub,
      });
    return byClaim;
  });
  const decision = decideOidcAccount(user);
  if (decision.kind === 'refused') {
    await refuse(`oidc_${decision.reason}`, {}, user);
    if (decision.reason === 'account_disabled')
      throw new ApiError(403, 'oidc_account_disabled', 'Your account is disabled; ask your administrator.');
    throw new ApiError(
      403,
      'oidc_account_unknown',
      'You signed in at the identity provider, but no Portvakt account is linked to you; ask your administrator.',
    );
  }
  return openSession(db, user!, { requestId, auditDetails: { method: 'oidc', issuer: claims.iss } });
}
