// Invitation links: 32 random bytes, base64url in the link; only the SHA-256 is stored, so a copy
// of the database holds no working link (as the consent e-service's links, consents/consent-token.ts).
import { createHash, randomBytes } from 'node:crypto';

export function createRelativeToken(): { token: string; tokenHash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashRelativeToken(token) };
}

export function hashRelativeToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export const isWellFormedRelativeToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

/** The console page of a token, on the server's public address. */
export function relativeLinkUrl(publicUrl: string | undefined, token: string): string {
  return `${publicUrl ?? 'http://localhost:8080'}/relative/invitation/${token}`;
}
