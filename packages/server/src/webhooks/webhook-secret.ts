// A subscription's signing secret: 24 random bytes as Standard Webhooks writes them (`whsec_` and
// base64), sealed at rest with the server's field key and shown to the subscriber only when made.
import { randomBytes } from 'node:crypto';
import type { FieldCrypto } from '../platform/secrets';

export function createWebhookSecret(fieldCrypto: FieldCrypto): { secret: string; sealed: Buffer } {
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  return { secret, sealed: fieldCrypto.encrypt(secret) };
}

/**
 * Whether plain http to this machine may be a receiver (tests, development):
 * `PORTVAKT_WEBHOOKS_ALLOW_HTTP_LOOPBACK=1`. Never set in production.
 */
export function isWebhookLoopbackAllowed(): boolean {
  return process.env.PORTVAKT_WEBHOOKS_ALLOW_HTTP_LOOPBACK === '1';
}
