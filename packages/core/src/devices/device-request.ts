// Boxes and sync stations sign every HTTP request they send with their enrolled device key, so
// the server knows which device speaks (never a shared password) and can refuse replays.

/** Header names of a signed device request. */
export const deviceRequestHeaders = {
  device: 'x-portvakt-device',
  time: 'x-portvakt-time',
  nonce: 'x-portvakt-nonce',
  signature: 'x-portvakt-signature',
} as const;

/** How far a device's clock may be from the server's, in seconds. */
export const deviceRequestToleranceSeconds = 300;

/**
 * The exact text a device signs (ES256) for one request. Must hold: both sides build it from the
 * same method, path (without query), time, nonce and SHA-256 of the exact body bytes, so any
 * change to any of them breaks the signature.
 */
export function buildDeviceSigningInput(request: {
  method: string;
  path: string;
  time: number;
  nonce: string;
  bodySha256Hex: string;
}): string {
  return [
    'PORTVAKT-DEVICE-v1',
    request.method.toUpperCase(),
    request.path,
    request.time,
    request.nonce,
    request.bodySha256Hex,
  ].join('\n');
}
