import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hasLuhnCheckDigit } from '@portvakt/core';

/**
 * The master key protects personal identity numbers and issuer private keys. It comes
 * from PORTVAKT_SECRET_KEY or, for a laptop install, a file created on first start.
 */
export async function loadMasterKey(configured: Buffer | undefined, dataDir: string): Promise<Buffer> {
  if (configured) return configured;
  const path = join(dataDir, 'secret.key');
  try {
    const key = Buffer.from((await readFile(path, 'utf8')).trim(), 'base64');
    if (key.length === 32) return key;
    throw new Error(`${path} does not hold a 32-byte base64 key.`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  await mkdir(dataDir, { recursive: true });
  await writeFile(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

export interface FieldCrypto {
  /** AES-256-GCM: version ‖ iv ‖ tag ‖ ciphertext. */
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
  /** Keyed hash for exact-match lookups without storing the value. */
  lookupHash(plain: string): Buffer;
}

/** Derives separate keys for encryption and lookup so neither use weakens the other. */
export function createFieldCrypto(masterKey: Buffer): FieldCrypto {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
  const encryptionKey = derive('portvakt identity number encryption v1');
  const lookupKey = derive('portvakt identity number lookup v1');
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([1]), iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      if (sealed[0] !== 1) throw new Error('Unknown field encryption version');
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, sealed.subarray(1, 13));
      decipher.setAuthTag(sealed.subarray(13, 29));
      return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
    },
    lookupHash(plain) {
      return createHmac('sha256', lookupKey).update(plain).digest();
    },
  };
}

/**
 * Normalises a Swedish personal identity number (personnummer or samordningsnummer) to 12
 * digits, YYYYMMDDNNNN, and checks its control digit. Returns undefined when it is not valid.
 */
export function normaliseIdentityNumber(input: string): string | undefined {
  const match = /^(\d{8})[-+]?(\d{4})$/.exec(input.trim());
  if (!match) return undefined;
  const digits = `${match[1]}${match[2]}`;
  const month = Number(digits.slice(4, 6));
  const day = Number(digits.slice(6, 8));
  if (month < 1 || month > 12 || day < 1 || (day > 31 && (day < 61 || day > 91))) return undefined;
  // The check digit covers the ten digits without the century.
  return hasLuhnCheckDigit(digits.slice(2)) ? digits : undefined;
}
