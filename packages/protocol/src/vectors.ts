// Checks a test vector from docs/protocol-vectors.json the way any implementation should: decode
// strictly, then verify the signature with the published key. Issuer keys have 8-byte kids and
// device keys 16-byte kids (their device ids), so the two can never stand in for each other.
import { bytesToHex, equalBytes, hexToBytes } from './bytes';
import { verifyBlockList } from './block-list';
import { decodeChallenge, decodePresentation, parseKeyResponse } from './challenge';
import { decodeRecordBatch, verifyChainHead, verifyRecordBatch, parseChainHead } from './chain-head';
import { verifyCoseSignature } from './cose';
import type { KeyRing, PublicJwk } from './crypto';
import { createKeyRing, importPublicCoordinates, importPublicJwk } from './crypto';
import { verifyDeviceCertificate } from './device-certificate';
import { ProtocolError, type ProtocolErrorReason } from './errors';
import { decodeEventRecord } from './event-record';
import { verifyTicket } from './ticket';
import { parseCredentialRequest, verifyCredentialRequest } from './credential-request';
import { verifyIssuerKeySet } from './issuer-key-set';
import { verifyTimeAttestation } from './time-attestation';
import { parseVisitCheck, verifyVisitCheck } from './visit-check';

export const vectorMessages = [
  'ticket',
  'block-list',
  'challenge',
  'key-response',
  'presentation',
  'event-record',
  'chain-head',
  'record-batch',
  'device-certificate',
  'credential-request',
  'issuer-key-set',
  'time-attestation',
  'visit-check',
] as const;
export type VectorMessage = (typeof vectorMessages)[number];

export interface ProtocolVector {
  name: string;
  message: VectorMessage;
  hex: string;
  expect: 'accept' | 'reject';
  reason?: ProtocolErrorReason;
  /**
   * Accept vectors: the decoded content as JSON (byte strings as lower-case hex, field names as
   * in the reference implementation), so an implementation can check its decoder, not only its
   * verdict.
   */
  decoded?: unknown;
}

export interface ProtocolVectorFile {
  keys: Record<string, PublicJwk>;
  vectors: ProtocolVector[];
}

interface VectorKeys {
  issuers: KeyRing;
  devices: KeyRing;
}

/** Imports the published keys, split by kid length into issuer (8 bytes) and device (16) rings. */
export async function importVectorKeys(keys: Record<string, PublicJwk>): Promise<VectorKeys> {
  const issuers: [Uint8Array, CryptoKey][] = [];
  const devices: [Uint8Array, CryptoKey][] = [];
  for (const [kidHex, jwk] of Object.entries(keys)) {
    const kid = hexToBytes(kidHex);
    (kid.length === 8 ? issuers : devices).push([kid, await importPublicJwk(jwk)]);
  }
  return { issuers: createKeyRing(issuers), devices: createKeyRing(devices) };
}

function findDeviceKey(keys: VectorKeys, kid: Uint8Array): CryptoKey {
  const key = keys.devices.find(kid);
  if (!key) throw new ProtocolError('unknown-kid', `no published device key ${bytesToHex(kid)}`);
  return key;
}

/** Converts decoded values to JSON: byte strings to hex, Maps to objects, key order kept. */
export function toVectorJson(value: unknown): unknown {
  if (value instanceof Uint8Array) return bytesToHex(value);
  if (Array.isArray(value)) return value.map(toVectorJson);
  if (value instanceof Map) {
    return Object.fromEntries([...value].map(([k, v]) => [String(k), toVectorJson(v)]));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, toVectorJson(v)]),
    );
  }
  return value;
}

async function checkMessage(message: VectorMessage, bytes: Uint8Array, keys: VectorKeys): Promise<unknown> {
  switch (message) {
    case 'ticket':
      return verifyTicket(bytes, keys.issuers);
    case 'block-list':
      return verifyBlockList(bytes, keys.issuers);
    case 'challenge':
      return decodeChallenge(bytes);
    case 'key-response': {
      const { sign1, response } = parseKeyResponse(bytes);
      if (!(await verifyCoseSignature(sign1, findDeviceKey(keys, sign1.kid)))) {
        throw new ProtocolError('bad-signature', 'key-response: signature invalid');
      }
      return response;
    }
    case 'presentation': {
      // The response must verify under the ticket's cnf, not merely under some published key.
      const presentation = decodePresentation(bytes);
      const claims = await verifyTicket(presentation.ticket, keys.issuers);
      const { sign1 } = parseKeyResponse(presentation.response);
      if (!equalBytes(sign1.kid, claims.keyId))
        throw new ProtocolError('key-mismatch', 'response kid is not the ticket key');
      if (!(await verifyCoseSignature(sign1, await importPublicCoordinates(claims.cnf)))) {
        throw new ProtocolError('bad-signature', 'presentation: response not signed by the cnf key');
      }
      return { ticket: claims, response: parseKeyResponse(presentation.response).response };
    }
    case 'event-record':
      return decodeEventRecord(bytes);
    case 'chain-head': {
      const { head } = parseChainHead(bytes);
      return verifyChainHead(bytes, findDeviceKey(keys, head.deviceId));
    }
    case 'record-batch': {
      const batch = decodeRecordBatch(bytes);
      const { head } = parseChainHead(batch.head);
      return verifyRecordBatch(batch, findDeviceKey(keys, head.deviceId));
    }
    case 'device-certificate':
      return verifyDeviceCertificate(bytes, keys.issuers);
    case 'credential-request': {
      const { request } = parseCredentialRequest(bytes);
      return verifyCredentialRequest(bytes, findDeviceKey(keys, request.keyId));
    }
    case 'issuer-key-set':
      return (await verifyIssuerKeySet(bytes, keys.issuers)).set;
    case 'time-attestation':
      return verifyTimeAttestation(bytes, keys.issuers);
    case 'visit-check': {
      const { check } = parseVisitCheck(bytes);
      return verifyVisitCheck(bytes, findDeviceKey(keys, check.keyId));
    }
  }
}

/**
 * Checks one vector and returns the outcome: accept, or reject with the ProtocolError reason.
 * Must never throw anything but for a bug: every refusal is a reason.
 */
export async function checkVector(
  vector: Pick<ProtocolVector, 'message' | 'hex'>,
  keys: VectorKeys,
): Promise<{ outcome: 'accept' } | { outcome: 'reject'; reason: ProtocolErrorReason }> {
  try {
    await checkMessage(vector.message, hexToBytes(vector.hex), keys);
    return { outcome: 'accept' };
  } catch (error) {
    if (error instanceof ProtocolError) return { outcome: 'reject', reason: error.reason };
    throw error;
  }
}

/** Decodes and verifies an accept vector and returns its content as vector JSON. */
export async function decodeVector(
  vector: Pick<ProtocolVector, 'message' | 'hex'>,
  keys: VectorKeys,
): Promise<unknown> {
  return toVectorJson(await checkMessage(vector.message, hexToBytes(vector.hex), keys));
}
