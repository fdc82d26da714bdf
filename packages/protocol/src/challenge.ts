// The lock's challenge and the key's answer. The challenge is not signed: what matters is that
// the lock remembers the nonce it sent and accepts one answer to it, once, within a short time.
import {
  decodeFieldMap,
  decodeFixedArray,
  encodeCanonical,
  encodeFieldMap,
  expectBytes,
  maxTime,
  maxUint32,
} from './cbor';
import type { CoseSign1 } from './cose';
import { contentTypes, decodeCoseSign1, signCoseSign1 } from './cose';
import { ProtocolError } from './errors';
import { maxTicketBytes } from './ticket';

export const nonceBytes = 16;
export const maxChallengeBytes = 64;
export const maxKeyResponseBytes = 256;
export const maxPresentationBytes = maxTicketBytes + maxKeyResponseBytes + 16;

export interface Challenge {
  /** The lock number as in tickets. */
  lock: number;
  nonce: Uint8Array;
  /** Lock clock, informational: lets a key show "lock clock off by N minutes". */
  time: number;
  /** The lock's block-list version, so the key knows whether to hand on a newer list. */
  blockListVersion: number;
  /** The version of the issuer key set the lock trusts (0 or absent: the ring from enrolment). */
  issuerKeySetVersion?: number;
}

/** Encodes a challenge; the nonce must be 16 fresh random bytes. */
export function encodeChallenge(challenge: Challenge): Uint8Array {
  return encodeFieldMap([
    [1, challenge.lock],
    [2, challenge.nonce],
    [3, challenge.time],
    [4, challenge.blockListVersion],
    ...(challenge.issuerKeySetVersion ? [[5, challenge.issuerKeySetVersion] as const] : []),
  ]);
}

/** Decodes a challenge strictly (fields 1–4, and 5 only when not 0; nothing else). */
export function decodeChallenge(bytes: Uint8Array): Challenge {
  const fields = decodeFieldMap(bytes, maxChallengeBytes, 'challenge', [1, 2, 3, 4, 5]);
  const challenge: Challenge = {
    lock: fields.int(1, 'lock', 0, maxUint32),
    nonce: fields.bytes(2, 'nonce', nonceBytes),
    time: fields.int(3, 'time', 0, maxTime),
    blockListVersion: fields.int(4, 'block-list version', 0, maxUint32),
  };
  if (fields.has(5)) challenge.issuerKeySetVersion = fields.int(5, 'issuer key set version', 1, maxUint32);
  return challenge;
}

export interface KeyResponse {
  /** The key id from the protected header (must equal the ticket's key id). */
  keyId: Uint8Array;
  nonce: Uint8Array;
  lock: number;
  /** When the key was last activated with a PIN (or app login); 0 = never. */
  activatedAt: number;
}

/**
 * Signs the answer to a challenge with the key's own private key (the one in the ticket's `cnf`).
 * Must cover nonce, lock number and activation time so none can be swapped.
 */
export async function signKeyResponse(
  response: Omit<KeyResponse, 'keyId'>,
  key: { privateKey: CryptoKey; keyId: Uint8Array },
): Promise<Uint8Array> {
  const payload = encodeFieldMap([
    [1, response.nonce],
    [2, response.lock],
    [3, response.activatedAt],
  ]);
  return signCoseSign1({
    privateKey: key.privateKey,
    kid: key.keyId,
    contentType: contentTypes.keyResponse,
    payload,
  });
}

/** Parses a key response without verifying it (the verifying key comes from the ticket's cnf). */
export function parseKeyResponse(bytes: Uint8Array): { sign1: CoseSign1; response: KeyResponse } {
  const sign1 = decodeCoseSign1(bytes, contentTypes.keyResponse, maxKeyResponseBytes, 'key-response');
  if (sign1.kid.length !== 16)
    throw new ProtocolError('out-of-range', 'key-response: kid must be the 16-byte key id');
  const fields = decodeFieldMap(sign1.payload, maxKeyResponseBytes, 'key-response', [1, 2, 3]);
  return {
    sign1,
    response: {
      keyId: sign1.kid,
      nonce: fields.bytes(1, 'nonce', nonceBytes),
      lock: fields.int(2, 'lock', 0, maxUint32),
      activatedAt: fields.int(3, 'activated-at', 0, maxTime),
    },
  };
}

/** What the key sends to open: its ticket and its signed response, as one message. */
export interface Presentation {
  ticket: Uint8Array;
  response: Uint8Array;
}

/** Encodes a presentation as [ticket bstr, response bstr]. */
export function encodePresentation(presentation: Presentation): Uint8Array {
  return encodeCanonical([presentation.ticket, presentation.response]);
}

/** Decodes a presentation; the parts stay as bytes so the lock can match its ticket cache. */
export function decodePresentation(bytes: Uint8Array): Presentation {
  const [ticket, response] = decodeFixedArray(bytes, maxPresentationBytes, 'presentation', 2);
  return {
    ticket: expectBytes(ticket, 'presentation.ticket'),
    response: expectBytes(response, 'presentation.response'),
  };
}
