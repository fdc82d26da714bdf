// COSE_Sign1 (RFC 9052 §4.2) with ES256 only. Messages are sent untagged: the protocol step
// already says which message is expected, and the protected content type (3) tells them apart so
// a signature made for one message type can never be accepted as another.
import {
  decodeFieldMap,
  decodeFixedArray,
  encodeCanonical,
  encodeFieldMap,
  expectBytes,
  FieldReader,
} from './cbor';
import type { KeyRing, PublicKeyCoordinates } from './crypto';
import { isLowS, signEs256, verifyEs256 } from './crypto';
import { ProtocolError } from './errors';

/** COSE algorithm id for ES256 (ECDSA P-256 with SHA-256). */
export const es256AlgorithmId = -7;

/**
 * CoAP content formats from the experimental range 65000–65535, one per signed message type; they
 * go in the protected header so they are covered by the signature.
 */
export const contentTypes = {
  ticket: 65001,
  blockList: 65002,
  keyResponse: 65003,
  chainHead: 65004,
  deviceCertificate: 65005,
  credentialRequest: 65006,
  issuerKeySet: 65007,
  timeAttestation: 65008,
  visitCheck: 65009,
} as const;
export type ContentType = (typeof contentTypes)[keyof typeof contentTypes];

const headerAlg = 1;
const headerContentType = 3;
const headerKid = 4;

/** A structurally valid COSE_Sign1 whose signature has not been checked yet. */
export interface CoseSign1 {
  protectedBytes: Uint8Array;
  kid: Uint8Array;
  contentType: ContentType;
  payload: Uint8Array;
  signature: Uint8Array;
}

function encodeSigStructure(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  return encodeCanonical(['Signature1', protectedBytes, new Uint8Array(0), payload]);
}

/**
 * Signs `payload` (already deterministic CBOR) as an untagged COSE_Sign1 with protected
 * {alg: ES256, content type, kid} and an empty unprotected header.
 */
export async function signCoseSign1(input: {
  privateKey: CryptoKey;
  kid: Uint8Array;
  contentType: ContentType;
  payload: Uint8Array;
}): Promise<Uint8Array> {
  const protectedBytes = encodeFieldMap([
    [headerAlg, es256AlgorithmId],
    [headerContentType, input.contentType],
    [headerKid, input.kid],
  ]);
  const signature = await signEs256(input.privateKey, encodeSigStructure(protectedBytes, input.payload));
  return encodeCanonical([protectedBytes, new Map(), input.payload, signature]);
}

/**
 * Parses a COSE_Sign1 without checking the signature. Must reject anything but ES256, the expected
 * content type, a 1–16 byte kid, an empty unprotected header, and a 64-byte low-S signature (a
 * high-S signature is the second valid signature of the same message: `non-canonical`).
 */
export function decodeCoseSign1(
  bytes: Uint8Array,
  expected: ContentType,
  maxBytes: number,
  what: string,
): CoseSign1 {
  const items = decodeFixedArray(bytes, maxBytes, what, 4);
  const protectedBytes = expectBytes(items[0], `${what}.protected`);
  const header = decodeFieldMap(protectedBytes, 64, `${what}.protected`, [
    headerAlg,
    headerContentType,
    headerKid,
  ]);
  if (header.int(headerAlg, 'alg', -65536, 65535) !== es256AlgorithmId) {
    throw new ProtocolError('wrong-algorithm', `${what}: only ES256 (-7) is accepted`);
  }
  const contentType = header.int(headerContentType, 'content type', 0, 65535);
  if (contentType !== expected) {
    throw new ProtocolError(
      'wrong-content-type',
      `${what}: content type ${contentType}, expected ${expected}`,
    );
  }
  const kid = header.bytes(headerKid, 'kid');
  if (kid.length < 1 || kid.length > 16)
    throw new ProtocolError('out-of-range', `${what}: kid length ${kid.length}`);
  const unprotected = items[1];
  if (!(unprotected instanceof Map) || unprotected.size !== 0) {
    throw new ProtocolError('unknown-field', `${what}: unprotected header must be an empty map`);
  }
  const payload = expectBytes(items[2], `${what}.payload`);
  const signature = expectBytes(items[3], `${what}.signature`, 64);
  if (!isLowS(signature)) throw new ProtocolError('non-canonical', `${what}: signature is not low-S`);
  return { protectedBytes, kid, contentType: contentType, payload, signature };
}

/** Returns whether the COSE_Sign1 signature verifies under `publicKey`; one ECDSA verification. */
export async function verifyCoseSignature(message: CoseSign1, publicKey: CryptoKey): Promise<boolean> {
  return verifyEs256(
    publicKey,
    message.signature,
    encodeSigStructure(message.protectedBytes, message.payload),
  );
}

/** Finds the key for `message.kid` in `keys` and verifies; throws `unknown-kid` or `bad-signature`. */
export async function verifyCoseSign1(message: CoseSign1, keys: KeyRing, what: string): Promise<void> {
  const key = keys.find(message.kid);
  if (!key) throw new ProtocolError('unknown-kid', `${what}: no key for this kid`);
  await verifyCoseSign1ByKey(message, key, what);
}

/** Verifies under the one key the sender must hold (a device's own); throws `bad-signature`. */
export async function verifyCoseSign1ByKey(
  message: CoseSign1,
  publicKey: CryptoKey,
  what: string,
): Promise<void> {
  if (!(await verifyCoseSignature(message, publicKey)))
    throw new ProtocolError('bad-signature', `${what}: signature invalid`);
}

/** Encodes a P-256 public key as a COSE_Key map {kty: EC2, crv: P-256, x, y}. */
export function encodeCoseKey(key: PublicKeyCoordinates): Map<number, unknown> {
  return new Map<number, unknown>([
    [1, 2],
    [-1, 1],
    [-2, key.x],
    [-3, key.y],
  ]);
}

/** Parses a COSE_Key; only EC2 P-256 with 32-byte coordinates is accepted. */
export function decodeCoseKey(value: unknown, what: string): PublicKeyCoordinates {
  const fields = new FieldReader(value, what, [1, -1, -2, -3]);
  if (fields.int(1, 'kty', 0, 255) !== 2)
    throw new ProtocolError('out-of-range', `${what}: kty must be EC2 (2)`);
  if (fields.int(-1, 'crv', 0, 255) !== 1)
    throw new ProtocolError('out-of-range', `${what}: crv must be P-256 (1)`);
  return { x: fields.bytes(-2, 'x', 32), y: fields.bytes(-3, 'y', 32) };
}
