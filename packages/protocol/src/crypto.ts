// All cryptography goes through WebCrypto so this package runs unchanged in Node and in browsers,
// where phones keep their device key non-extractable.
import { bytesToHex } from './bytes';
import { ProtocolError } from './errors';

const subtle = globalThis.crypto.subtle;
const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const es256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** An EC2 P-256 public key as its two 32-byte coordinates (the form carried in `cnf` and certificates). */
export interface PublicKeyCoordinates {
  x: Uint8Array;
  y: Uint8Array;
}

/** Public JWK of a P-256 key, as published in docs/protocol-vectors.json. */
export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

/** Returns `n` cryptographically random bytes. */
export function randomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

/** Returns SHA-256 of `data` (32 bytes). */
export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
}

/**
 * Generates a P-256 signing key pair. Pass `isExtractable: false` for phones and secure elements:
 * the private key can then sign but never be read out.
 */
export async function generateSigningKeyPair(isExtractable = false): Promise<CryptoKeyPair> {
  return subtle.generateKey(ecdsa, isExtractable, ['sign', 'verify']);
}

/** Order n of the P-256 group; an ECDSA signature (r, s) and (r, n − s) verify alike. */
export const p256Order = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const p256HalfOrder = p256Order >> 1n;

function readScalar(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function writeScalar(value: bigint, into: Uint8Array, at: number): void {
  for (let i = 31; i >= 0; i--) {
    into[at + i] = Number(value & 0xffn);
    value >>= 8n;
  }
}

/**
 * Whether a raw r‖s signature is in low-S form (s ≤ n/2). Only low-S signatures are accepted, so
 * every signed message has exactly one valid signature: no malleability, and a signature cache
 * (the lock's ticket cache is keyed by it) cannot be bypassed with (r, n − s).
 */
export function isLowS(signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  const s = readScalar(signature.subarray(32));
  return s >= 1n && s <= p256HalfOrder;
}

/** Returns the low-S form of a raw r‖s signature (s replaced by n − s when s > n/2). */
export function normalizeLowS(signature: Uint8Array): Uint8Array {
  if (signature.length !== 64 || isLowS(signature)) return signature;
  const out = signature.slice();
  writeScalar(p256Order - readScalar(signature.subarray(32)), out, 32);
  return out;
}

/** Returns the high-S twin of a signature; only for building negative tests and vectors. */
export function toHighS(signature: Uint8Array): Uint8Array {
  if (!isLowS(signature)) return signature;
  const out = signature.slice();
  writeScalar(p256Order - readScalar(signature.subarray(32)), out, 32);
  return out;
}

/**
 * What computes an ES256 signature and checks one: WebCrypto by default, in browsers, phones and
 * Node alike. A host may give a faster one for the same keys (the server gives Node's own
 * synchronous crypto: WebCrypto hands every operation to a thread pool and back, which cost an
 * activation more than the signature itself). Signatures are raw 64-byte r‖s in both directions.
 */
export interface Es256Engine {
  sign(privateKey: CryptoKey, data: Uint8Array): Promise<Uint8Array> | Uint8Array;
  verify(publicKey: CryptoKey, signature: Uint8Array, data: Uint8Array): Promise<boolean> | boolean;
}

export const webCryptoEs256: Es256Engine = {
  sign: async (privateKey, data) =>
    new Uint8Array(await subtle.sign(es256, privateKey, data as Uint8Array<ArrayBuffer>)),
  verify: (publicKey, signature, data) =>
    subtle.verify(es256, publicKey, signature as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>),
};

let es256Engine: Es256Engine = webCryptoEs256;

/** Makes `engine` compute every ES256 signature and check of this process from now on. */
export function useEs256Engine(engine: Es256Engine): void {
  es256Engine = engine;
}

/**
 * Signs `data` with ES256; the result is the raw 64-byte r‖s form COSE requires, always low-S
 * (an engine may return either form, so it is normalised here).
 */
export async function signEs256(privateKey: CryptoKey, data: Uint8Array): Promise<Uint8Array> {
  return normalizeLowS(await es256Engine.sign(privateKey, data));
}

/**
 * Verifies a raw r‖s ES256 signature; returns false (never throws) for a wrong-length or high-S
 * signature.
 */
export async function verifyEs256(
  publicKey: CryptoKey,
  signature: Uint8Array,
  data: Uint8Array,
): Promise<boolean> {
  if (signature.length !== 64 || !isLowS(signature)) return false;
  return es256Engine.verify(publicKey, signature, data);
}

/** Returns the x/y coordinates of a P-256 public key (always exportable in WebCrypto). */
export async function exportPublicCoordinates(publicKey: CryptoKey): Promise<PublicKeyCoordinates> {
  const raw = new Uint8Array(await subtle.exportKey('raw', publicKey));
  if (raw.length !== 65 || raw[0] !== 4) throw new Error('expected an uncompressed P-256 point');
  return { x: raw.slice(1, 33), y: raw.slice(33, 65) };
}

/**
 * Imports a P-256 public key from coordinates. Throws when the point is not on the curve, so a
 * forged `cnf` cannot smuggle in an invalid-curve key.
 */
export async function importPublicCoordinates(coordinates: PublicKeyCoordinates): Promise<CryptoKey> {
  const raw = new Uint8Array(65);
  raw[0] = 4;
  raw.set(coordinates.x, 1);
  raw.set(coordinates.y, 33);
  try {
    return await subtle.importKey('raw', raw, ecdsa, true, ['verify']);
  } catch {
    throw new ProtocolError('invalid-key', 'public key is not a valid P-256 point');
  }
}

/** Exports a public key as a JWK with only the public members. */
export async function exportPublicJwk(publicKey: CryptoKey): Promise<PublicJwk> {
  const jwk = await subtle.exportKey('jwk', publicKey);
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) throw new Error('not a P-256 key');
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

/** Imports a public JWK for verification. */
export async function importPublicJwk(jwk: PublicJwk): Promise<CryptoKey> {
  return subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, ecdsa, true, ['verify']);
}

/** Imports a private JWK (test keys, issuer keys loaded from storage) for signing. */
export async function importPrivateJwk(jwk: JsonWebKey, isExtractable = false): Promise<CryptoKey> {
  return subtle.importKey('jwk', jwk, ecdsa, isExtractable, ['sign']);
}

/**
 * Derives an issuer key id: the first 8 bytes of SHA-256 over the uncompressed point. Must be
 * stable, so a lock provisioned with a key set can find a key by the `kid` in a ticket.
 */
export async function deriveIssuerKid(publicKey: CryptoKey): Promise<Uint8Array> {
  const raw = new Uint8Array(await subtle.exportKey('raw', publicKey));
  return (await sha256(raw)).slice(0, 8);
}

/** Verification keys by `kid`; how a lock or the server finds the key for a COSE message. */
export interface KeyRing {
  find(kid: Uint8Array): CryptoKey | undefined;
}

/** Builds a KeyRing from (kid, key) pairs. */
export function createKeyRing(entries: Iterable<readonly [Uint8Array, CryptoKey]>): KeyRing {
  const byHex = new Map<string, CryptoKey>();
  for (const [kid, key] of entries) byHex.set(bytesToHex(kid), key);
  return { find: (kid) => byHex.get(bytesToHex(kid)) };
}
