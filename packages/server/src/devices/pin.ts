import { createHmac, hkdfSync, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// A PIN has at most 10^8 values, so no hash cost protects a stolen verifier: scrypt at any
// affordable cost is searched through in minutes. What protects it is a key the database does
// not hold: the verifier is an HMAC under a key derived from the master key (PORTVAKT_SECRET_KEY),
// so a copy of the database alone tells nothing about PINs, and online guessing is stopped by
// the five-try lock. Being cheap also keeps activation fast under a shift-start rush (issue #9
// item 2; an scrypt check cost ~50 ms of CPU per activation). The key id is part of the input, so
// a verifier copied to another key never matches (R1.3).
const keyedScheme = 'hmac-sha256';
// Verifiers written before the keyed scheme; still accepted, replaced on the next PIN change.
const legacyScheme = 'scrypt';
const legacyParams = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

const pinKeys = new WeakMap<Buffer, Buffer>();

function pinKeyOf(masterKey: Buffer): Buffer {
  let key = pinKeys.get(masterKey);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'portvakt pin verifier v1', 32));
    pinKeys.set(masterKey, key);
  }
  return key;
}

function keyedMac(masterKey: Buffer, pin: string, keyId: string, salt: Buffer): Buffer {
  return createHmac('sha256', pinKeyOf(masterKey)).update(salt).update(`${keyId}:${pin}`).digest();
}

function deriveLegacy(pin: string, keyId: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(`${keyId}:${pin}`, salt, 32, legacyParams, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** A PIN is 4 to 8 digits. */
export function isValidPin(pin: string): boolean {
  return /^[0-9]{4,8}$/.test(pin);
}

/** Creates the stored verifier `hmac-sha256$salt$mac` for a PIN on one key. */
export function createPinVerifier(pin: string, keyId: string, masterKey: Buffer): string {
  const salt = randomBytes(16);
  return `${keyedScheme}$${salt.toString('base64')}$${keyedMac(masterKey, pin, keyId, salt).toString('base64')}`;
}

/** Checks a PIN against the verifier of that key only, in constant time. */
export async function isPinCorrect(
  pin: string,
  keyId: string,
  verifier: string,
  masterKey: Buffer,
): Promise<boolean> {
  const [scheme, salt, hash] = verifier.split('$');
  if (!salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  let actual: Buffer;
  if (scheme === keyedScheme) actual = keyedMac(masterKey, pin, keyId, Buffer.from(salt, 'base64'));
  else if (scheme === legacyScheme) actual = await deriveLegacy(pin, keyId, Buffer.from(salt, 'base64'));
  else return false;
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
