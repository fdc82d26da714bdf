// The locksmith's single-use arrival link: 32 random bytes, base64url in the link; only the
// SHA-256 is stored, so a copy of the database holds no working link (like consent links).
import { createHash, randomBytes } from 'node:crypto';

export function createArrivalToken(): { token: string; tokenHash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashArrivalToken(token) };
}

export function hashArrivalToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Whether a token has the shape of one we hand out (anything else is not looked up). */
export function isArrivalTokenShaped(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** The phone page of a token, on the server's public address. */
export function arrivalLinkUrl(publicUrl: string | undefined, token: string): string {
  return `${publicUrl ?? 'http://localhost:8080'}/emergency-arrival/${token}`;
}
