// The issuer key set: which issuer keys a lock or key trusts, versioned and signed by a key the
// receiver already trusts. It lets the municipality rotate issuer keys after enrolment: keys carry
// the newest set to locks like block lists; a receiver installs a strictly newer set, which
// replaces its ring (a key stays trusted until a newer set leaves it out).
import { bytesToHex, compareBytes, equalBytes } from './bytes';
import { expectArray, expectBytes, maxTime, maxUint32 } from './cbor';
import { contentTypes, decodeCoseKey, encodeCoseKey } from './cose';
import type { KeyRing, PublicKeyCoordinates } from './crypto';
import { createKeyRing, deriveIssuerKid, importPublicCoordinates } from './crypto';
import { ProtocolError } from './errors';
import type { IssuerSigningKey } from './issuer-message';
import { createFieldMapMessage } from './issuer-message';

export const maxIssuerKeySetBytes = 2048;
export const maxIssuerKeysPerSet = 16;
export const issuerKidBytes = 8;

export interface IssuerKeySetEntry {
  /** First 8 bytes of SHA-256 over the uncompressed point; checked against the key on verify. */
  kid: Uint8Array;
  publicKey: PublicKeyCoordinates;
}

export interface IssuerKeySet {
  issuer: string;
  /** Strictly increasing per municipality; 0 is the ring installed at enrolment. */
  version: number;
  issuedAt: number;
  /** Every key to trust from this version on, strictly ascending by kid. */
  keys: IssuerKeySetEntry[];
}

const issuerKeySetMessage = createFieldMapMessage<IssuerKeySet, 'set'>({
  what: 'issuer-key-set',
  parsedAs: 'set',
  contentType: contentTypes.issuerKeySet,
  maxBytes: maxIssuerKeySetBytes,
  fieldKeys: { version: 2, issuedAt: 3, keys: 4 },
  toWire: { keys: (keys) => keys.map((k) => [k.kid, encodeCoseKey(k.publicKey)]) },
  readFields(fields, what) {
    const items = fields.array(4, 'keys', maxIssuerKeysPerSet);
    if (items.length === 0) throw new ProtocolError('out-of-range', `${what}: at least one key`);
    const keys = items.map((item, i): IssuerKeySetEntry => {
      const [kid, key] = expectArray(item, `${what}.keys[${i}]`, 2);
      return {
        kid: expectBytes(kid, `${what}.keys[${i}].kid`, issuerKidBytes),
        publicKey: decodeCoseKey(key, `${what}.keys[${i}].key`),
      };
    });
    keys.forEach((k, i) => {
      if (i > 0 && compareBytes(keys[i - 1]!.kid, k.kid) >= 0)
        throw new ProtocolError('out-of-range', `${what}: keys must be strictly ascending by kid`);
    });
    return {
      version: fields.int(2, 'version', 1, maxUint32),
      issuedAt: fields.int(3, 'issued-at', 0, maxTime),
      keys,
    };
  },
});

/** Signs a key set with a currently trusted issuer key; keys are sorted by kid here. */
export async function signIssuerKeySet(set: IssuerKeySet, signer: IssuerSigningKey): Promise<Uint8Array> {
  const sorted = { ...set, keys: [...set.keys].sort((a, b) => compareBytes(a.kid, b.kid)) };
  return issuerKeySetMessage.sign(sorted, signer);
}

/** Parses a signed key set without verifying it. */
export const parseIssuerKeySet = issuerKeySetMessage.parse;

/**
 * Verifies a key set under the receiver's current ring and returns it with the ring it defines.
 * Every kid must be the one derived from its key (`out-of-range` otherwise), so a set cannot
 * make one key answer for another's kid. The caller enforces issuer and version rules.
 */
export async function verifyIssuerKeySet(
  bytes: Uint8Array,
  currentKeys: KeyRing,
): Promise<{ set: IssuerKeySet; ring: KeyRing }> {
  const set = await issuerKeySetMessage.verify(bytes, currentKeys);
  return { set, ring: await keyRingFromSet(set) };
}

/** Imports a (verified) key set's keys into a KeyRing, checking each kid against its key. */
export async function keyRingFromSet(set: IssuerKeySet): Promise<KeyRing> {
  const entries: [Uint8Array, CryptoKey][] = [];
  for (const entry of set.keys) {
    const key = await importPublicCoordinates(entry.publicKey);
    if (!equalBytes(await deriveIssuerKid(key), entry.kid)) {
      throw new ProtocolError(
        'out-of-range',
        `issuer-key-set: kid ${bytesToHex(entry.kid)} is not its key's`,
      );
    }
    entries.push([entry.kid, key]);
  }
  return createKeyRing(entries);
}
