// Credential request: the key (or phone) signs {key id, fresh nonce, time, purpose} so the issuer
// knows the enrolled key itself, not just the activation box or sync station in between, asked for
// a ticket. For purpose "activation" the key signs only after a correct PIN, and `time` is its
// activation time.
import { equalBytes } from './bytes';
import { decodeFieldMap, encodeFieldMap, maxTime } from './cbor';
import type { CoseSign1 } from './cose';
import { contentTypes, decodeCoseSign1, signCoseSign1, verifyCoseSign1ByKey } from './cose';
import { ProtocolError } from './errors';
import { createCodeLookup } from './reasons';

export const maxCredentialRequestBytes = 256;
export const credentialPurposes = { activation: 1, sync: 2, login: 3 } as const;
export type CredentialPurpose = keyof typeof credentialPurposes;
const purposeFromCode = createCodeLookup(credentialPurposes);

export interface CredentialRequest {
  keyId: Uint8Array;
  /** 16 random bytes chosen by the key; the issuer refuses a nonce it has seen. */
  nonce: Uint8Array;
  /** Key clock when signed; for "activation", the activation time. */
  time: number;
  purpose: CredentialPurpose;
}

/** Signs a credential request with the key's private key (kid = key id). */
export async function signCredentialRequest(
  request: CredentialRequest,
  privateKey: CryptoKey,
): Promise<Uint8Array> {
  const payload = encodeFieldMap([
    [1, request.keyId],
    [2, request.nonce],
    [3, request.time],
    [4, credentialPurposes[request.purpose]],
  ]);
  return signCoseSign1({
    privateKey,
    kid: request.keyId,
    contentType: contentTypes.credentialRequest,
    payload,
  });
}

/** Parses a credential request without verifying it (the issuer looks up the key by kid first). */
export function parseCredentialRequest(bytes: Uint8Array): { sign1: CoseSign1; request: CredentialRequest } {
  const what = 'credential-request';
  const sign1 = decodeCoseSign1(bytes, contentTypes.credentialRequest, maxCredentialRequestBytes, what);
  const fields = decodeFieldMap(sign1.payload, maxCredentialRequestBytes, what, [1, 2, 3, 4]);
  const purpose = purposeFromCode(fields.int(4, 'purpose', 1, 3))!;
  const request: CredentialRequest = {
    keyId: fields.bytes(1, 'key id', 16),
    nonce: fields.bytes(2, 'nonce', 16),
    time: fields.int(3, 'time', 1, maxTime),
    purpose,
  };
  if (!equalBytes(sign1.kid, request.keyId))
    throw new ProtocolError('out-of-range', `${what}: kid must be the key id`);
  return { sign1, request };
}

/** Parses and verifies a credential request with the enrolled key's public key. */
export async function verifyCredentialRequest(
  bytes: Uint8Array,
  keyPublicKey: CryptoKey,
): Promise<CredentialRequest> {
  const { sign1, request } = parseCredentialRequest(bytes);
  await verifyCoseSign1ByKey(sign1, keyPublicKey, 'credential-request');
  return request;
}
