import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPinVerifier, isPinCorrect, isValidPin } from './pin';

const masterKey = randomBytes(32);
const keyId = '2f6c1d0e-5a1b-4c3d-9e8f-0a1b2c3d4e5f';
const otherKeyId = '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d';

describe('PIN verifiers', () => {
  it('accept the right PIN and refuse any other', async () => {
    const verifier = createPinVerifier('1234', keyId, masterKey);
    expect(verifier.startsWith('hmac-sha256$')).toBe(true);
    expect(await isPinCorrect('1234', keyId, verifier, masterKey)).toBe(true);
    expect(await isPinCorrect('1235', keyId, verifier, masterKey)).toBe(false);
    expect(await isPinCorrect('12345', keyId, verifier, masterKey)).toBe(false);
  });

  it('are salted: the same PIN on the same key gives different verifiers', () => {
    expect(createPinVerifier('1234', keyId, masterKey)).not.toBe(createPinVerifier('1234', keyId, masterKey));
  });

  it('copied to another key never match (R1.3)', async () => {
    const verifier = createPinVerifier('1234', keyId, masterKey);
    expect(await isPinCorrect('1234', otherKeyId, verifier, masterKey)).toBe(false);
  });

  it('cannot be checked without the master key: a copy of the database alone tells no PIN', async () => {
    const verifier = createPinVerifier('1234', keyId, masterKey);
    const [, salt, mac] = verifier.split('$');
    expect(await isPinCorrect('1234', keyId, verifier, randomBytes(32))).toBe(false);
    // The verifier is not a plain (unkeyed) hash of what an attacker knows.
    const { createHash } = await import('node:crypto');
    const unkeyed = createHash('sha256')
      .update(Buffer.from(salt!, 'base64'))
      .update(`${keyId}:1234`)
      .digest('base64');
    expect(mac).not.toBe(unkeyed);
  });

  it('still accept verifiers written with scrypt before the keyed scheme', async () => {
    const salt = randomBytes(16);
    const hash = scryptSync(`${keyId}:4321`, salt, 32, { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    const legacy = `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
    expect(await isPinCorrect('4321', keyId, legacy, masterKey)).toBe(true);
    expect(await isPinCorrect('4322', keyId, legacy, masterKey)).toBe(false);
  });

  it('refuse unknown schemes and damaged verifiers', async () => {
    const verifier = createPinVerifier('1234', keyId, masterKey);
    expect(await isPinCorrect('1234', keyId, verifier.replace('hmac-sha256', 'md5'), masterKey)).toBe(false);
    expect(await isPinCorrect('1234', keyId, 'hmac-sha256$$', masterKey)).toBe(false);
    expect(await isPinCorrect('1234', keyId, '', masterKey)).toBe(false);
  });

  it('a PIN is 4 to 8 digits', () => {
    expect(isValidPin('1234')).toBe(true);
    expect(isValidPin('12345678')).toBe(true);
    expect(isValidPin('123')).toBe(false);
    expect(isValidPin('123456789')).toBe(false);
    expect(isValidPin('12a4')).toBe(false);
  });
});
