import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// PINs are short, so the verifier must be slow and salted, and bound to one key: the key id is
// part of the input, so a verifier copied to another key never matches (R1.3).
const params = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function derive(pin: string, keyId: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(`${keyId}:${pin}`, salt, 32, params, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** A PIN is 4 to 8 digits. */
export function isValidPin(pin: string): boolean {
  return /^[0-9]{4,8}$/.test(pin);
}

/** Creates the stored verifier `scrypt$salt$hash` for a PIN on one key. */
export async function createPinVerifier(pin: string, keyId: string): Promise<string> {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64')}$${(await derive(pin, keyId, salt)).toString('base64')}`;
}

/** Checks a PIN against the verifier of that key only, in constant time. */
export async function isPinCorrect(pin: string, keyId: string, verifier: string): Promise<boolean> {
  const [scheme, salt, hash] = verifier.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(pin, keyId, Buffer.from(salt, 'base64'));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
