// The PIN never leaves the key in clear and is never stored: only a salted PBKDF2 verifier is.
// The attempt limit is the real defence for a 4–8 digit PIN; the slow hash makes an extracted
// verifier expensive to brute-force offline.
import { equalBytes, randomBytes } from '@portvakt/protocol';

export interface PinVerifier {
  salt: Uint8Array;
  iterations: number;
  hash: Uint8Array;
}

export const defaultPinIterations = 100_000;

async function derivePinHash(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations },
    material,
    256,
  );
  return new Uint8Array(bits);
}

/** Returns whether `pin` is 4–8 digits, the only form a key's activation box accepts. */
export function isValidPinFormat(pin: string): boolean {
  return /^[0-9]{4,8}$/.test(pin);
}

/** Creates a verifier for `pin` with a fresh 16-byte salt; throws on a malformed PIN. */
export async function createPinVerifier(
  pin: string,
  iterations = defaultPinIterations,
): Promise<PinVerifier> {
  if (!isValidPinFormat(pin)) throw new Error('a PIN is 4 to 8 digits');
  const salt = randomBytes(16);
  return { salt, iterations, hash: await derivePinHash(pin, salt, iterations) };
}

/** Returns whether `pin` matches `verifier`. */
export async function isPinCorrect(pin: string, verifier: PinVerifier): Promise<boolean> {
  if (!isValidPinFormat(pin)) return false;
  return equalBytes(await derivePinHash(pin, verifier.salt, verifier.iterations), verifier.hash);
}
