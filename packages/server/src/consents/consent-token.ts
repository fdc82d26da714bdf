// Single-use links: 32 random bytes, base64url in the link; only the SHA-256 is stored, so a copy
// of the database holds no working link.
import { createHash, randomBytes } from 'node:crypto';

export function createConsentToken(): { token: string; tokenHash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashConsentToken(token) };
}

export function hashConsentToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** The e-service address of a token, on the server's public address. */
export function consentLinkUrl(publicUrl: string | undefined, token: string): string {
  return `${publicUrl ?? 'http://localhost:8080'}/consent/${token}`;
}
