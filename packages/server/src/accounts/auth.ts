import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isLastSeenStale, isSessionIdle, type Actor } from '@portvakt/core';
import { findSession, touchSession, useToken, type UserRecord } from '@portvakt/storage';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context';
import { ApiError } from '../platform/errors';

export const sessionCookie = 'portvakt_session';
export const csrfCookie = 'portvakt_csrf';
export const csrfHeader = 'x-csrf-token';
const tokenPrefix = 'pvt_';

/** SHA-256 of a secret; what the database keeps instead of the secret. */
export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** A fresh 256-bit random secret, URL-safe. */
export function createSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Whether `text` is spelt exactly as createSecret spells a secret: 43 base64url characters, the
 * canonical encoding of 32 bytes. The last character carries 4 bits of the secret and 2 padding
 * bits; decoders ignore the padding bits, so four spellings decode to the same bytes. Only the
 * canonical one is a secret we issued, so the others are refused before any lookup, exactly like
 * an unknown secret.
 */
export function isCanonicalSecret(text: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(text) && Buffer.from(text, 'base64url').toString('base64url') === text;
}

/** A new API token: shown once, stored only as its hash, recognisable by its prefix. */
export function createApiToken(): { token: string; prefix: string } {
  const prefix = randomBytes(4).toString('hex');
  return { token: `${tokenPrefix}${prefix}_${createSecret()}`, prefix };
}

export function actorFromUser(user: UserRecord): Actor {
  return {
    kind: 'user',
    id: user.id,
    label: user.username,
    displayName: user.displayName,
    role: user.role,
    municipalityId: user.municipalityId,
    providerId: user.providerId,
    staffMemberId: user.staffMemberId,
    propertyOwnerId: user.propertyOwnerId,
    locksmithCompanyId: user.locksmithCompanyId,
    isReadOnly: false,
  };
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameSecret(presented: string | undefined, expectedHash: Buffer): boolean {
  if (!presented) return false;
  const hash = hashSecret(presented);
  return hash.length === expectedHash.length && timingSafeEqual(hash, expectedHash);
}

async function authenticate(context: AppContext, request: FastifyRequest): Promise<Actor> {
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer (pvt_[0-9a-f]{8}_([A-Za-z0-9_-]{43}))$/.exec(authorization);
    const token =
      match && isCanonicalSecret(match[2]!) ? await useToken(context.pool, hashSecret(match[1]!)) : undefined;
    if (!token) throw new ApiError(401, 'invalid_token', 'The API token is unknown, revoked or expired.');
    return {
      kind: 'token',
      id: token.id,
      label: `token:${token.name}`,
      role: token.role,
      municipalityId: token.municipalityId,
      providerId: token.providerId,
      // A token is no person and belongs to no company: nothing is assigned to it.
      locksmithCompanyId: null,
      isReadOnly: token.isReadOnly,
    };
  }
  const sessionId = request.cookies[sessionCookie];
  if (!sessionId) throw new ApiError(401, 'unauthenticated', 'Log in first.');
  const idHash = hashSecret(sessionId);
  const session = isCanonicalSecret(sessionId) ? await findSession(context.pool, idHash) : undefined;
  const now = Date.now();
  if (!session || session.user.isDisabled || isSessionIdle(session.lastSeenAt, now)) {
    throw new ApiError(401, 'session_expired', 'Your session has ended; log in again.');
  }
  // Cookies ride along with cross-site requests; a changing request must also prove it came
  // from our own pages by echoing the CSRF token only they can read.
  if (unsafeMethods.has(request.method)) {
    const header = request.headers[csrfHeader];
    if (!sameSecret(typeof header === 'string' ? header : undefined, session.csrfTokenHash)) {
      throw new ApiError(
        403,
        'csrf_failed',
        'The request is missing its CSRF token; reload the page and try again.',
      );
    }
  }
  if (isLastSeenStale(session.lastSeenAt, now))
    await touchSession(context.pool, { municipalityId: session.user.municipalityId, idHash });
  request.sessionIdHash = idHash;
  return actorFromUser(session.user);
}

/** Every route under /api/v1 requires a session or an API token unless marked public. */
export function installAuthentication(app: FastifyInstance, context: AppContext): void {
  app.decorateRequest('actor', undefined);
  app.decorateRequest('sessionIdHash', undefined);
  app.addHook('onRequest', async (request) => {
    // Decided by the route the router matched, never by the raw URL: the router decodes
    // `/%61pi/v1/…` to an API route that a prefix test on the URL would wave through.
    const route = request.routeOptions.url;
    if (route === undefined || !route.startsWith('/api/v1/') || request.routeOptions.config?.isPublic) return;
    request.actor = await authenticate(context, request);
  });
}
