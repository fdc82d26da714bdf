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
] as const;
export type VectorMessage = (typeof vectorMessages)[number];

export interface ProtocolVector {
  name: string;
  message: VectorMessage;
  hex: string;
  expect: 'accept' | 'reject';
  reason?: ProtocolErrorReason;
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

async function checkMessage(message: VectorMessage, bytes: Uint8Array, keys: VectorKeys): Promise<void> {
  switch (message) {
    case 'ticket':
      await verifyTicket(bytes, keys.issuers);
      return;
    case 'block-list':
      await verifyBlockList(bytes, keys.issuers);
      return;
    case 'challenge':
      decodeChallenge(bytes);
      return;
    case 'key-response': {
      const { sign1 } = parseKeyResponse(bytes);
      if (!(await verifyCoseSignature(sign1, findDeviceKey(keys, sign1.kid)))) {
        throw new ProtocolError('bad-signature', 'key-response: signature invalid');
      }
      return;
    }
    case 'presentation': {
      // The response must verify under the ticket's cnf, not merely under some published key.
      const presentation = decodePresentation(bytes);
      const claims = await verifyTicket(presentation.ticket, keys.issuers);
      const { sign1 } = parseKeyResponse(presentation.response);
      if (!equalBytes(sign1.kid, claims.keyId))
        throw new ProtocolError('unknown-kid', 'response kid is not the ticket key');
      if (!(await verifyCoseSignature(sign1, await importPublicCoordinates(claims.cnf)))) {
        throw new ProtocolError('bad-signature', 'presentation: response not signed by the cnf key');
      }
      return;
    }
    case 'event-record':
      decodeEventRecord(bytes);
      return;
    case 'chain-head': {
      const { head } = parseChainHead(bytes);
      await verifyChainHead(bytes, findDeviceKey(keys, head.deviceId));
      return;
    }
    case 'record-batch': {
      const batch = decodeRecordBatch(bytes);
      const { head } = parseChainHead(batch.head);
      await verifyRecordBatch(batch, findDeviceKey(keys, head.deviceId));
      return;
    }
    case 'device-certificate':
      await verifyDeviceCertificate(bytes, keys.issuers);
      return;
    case 'credential-request': {
      const { request } = parseCredentialRequest(bytes);
      await verifyCredentialRequest(bytes, findDeviceKey(keys, request.keyId));
      return;
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
