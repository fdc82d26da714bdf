// Activation request: after a correct PIN, the key's secure element signs {key id, fresh nonce,
// activation time}; the activation box forwards it so the issuer knows the enrolled key itself,
// not just a box, asked for a ticket.
import { decodeCanonical, encodeCanonical, FieldReader, maxTime } from './cbor';
import type { CoseSign1 } from './cose';
import { contentTypes, decodeCoseSign1, signCoseSign1, verifyCoseSignature } from './cose';
import { equalBytes } from './bytes';
import { ProtocolError } from './errors';

export const maxActivationBytes = 256;

export interface ActivationRequest {
  keyId: Uint8Array;
  /** 16 random bytes chosen by the key; the issuer refuses a nonce it has seen. */
  nonce: Uint8Array;
  activatedAt: number;
}

/** Signs an activation request with the key's private key (kid = key id). */
export async function signActivationRequest(
  request: ActivationRequest,
  privateKey: CryptoKey,
): Promise<Uint8Array> {
  const payload = encodeCanonical(
    new Map<number, unknown>([
      [1, request.keyId],
      [2, request.nonce],
      [3, request.activatedAt],
    ]),
  );
  return signCoseSign1({ privateKey, kid: request.keyId, contentType: contentTypes.activation, payload });
}

/** Parses an activation request without verifying it (the issuer looks up the key by kid first). */
export function parseActivationRequest(bytes: Uint8Array): { sign1: CoseSign1; request: ActivationRequest } {
  const what = 'activation';
  const sign1 = decodeCoseSign1(bytes, contentTypes.activation, maxActivationBytes, what);
  const fields = new FieldReader(decodeCanonical(sign1.payload, maxActivationBytes, what), what, [1, 2, 3]);
  const request = {
    keyId: fields.bytes(1, 'key id', 16),
    nonce: fields.bytes(2, 'nonce', 16),
    activatedAt: fields.int(3, 'activated-at', 1, maxTime),
  };
  if (!equalBytes(sign1.kid, request.keyId))
    throw new ProtocolError('out-of-range', `${what}: kid must be the key id`);
  return { sign1, request };
}

/** Parses and verifies an activation request with the enrolled key's public key. */
export async function verifyActivationRequest(
  bytes: Uint8Array,
  keyPublicKey: CryptoKey,
): Promise<ActivationRequest> {
  const { sign1, request } = parseActivationRequest(bytes);
  if (!(await verifyCoseSignature(sign1, keyPublicKey))) {
    throw new ProtocolError('bad-signature', 'activation: signature invalid');
  }
  return request;
}
