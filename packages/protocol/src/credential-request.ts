// Credential request: the key (or phone) signs {key id, fresh nonce, time, purpose} so the issuer
// knows the enrolled key itself, not just the activation box or sync station in between, asked for
// a ticket. For purpose "activation" the key signs only after a correct PIN, and `time` is its
// activation time.
import { maxTime } from './cbor';
import { contentTypes } from './cose';
import { createDeviceMessage } from './device-message';
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

const credentialRequests = createDeviceMessage<CredentialRequest, 'request'>({
  what: 'credential-request',
  contentType: contentTypes.credentialRequest,
  maxBytes: maxCredentialRequestBytes,
  parsedAs: 'request',
  fieldKeys: { keyId: 1, nonce: 2, time: 3, purpose: 4 },
  toWire: { purpose: (purpose) => credentialPurposes[purpose] },
  kid: (request) => request.keyId,
  kidName: 'key id',
  readFields: (fields) => {
    const purpose = purposeFromCode(fields.int(4, 'purpose', 1, 3))!;
    return {
      keyId: fields.bytes(1, 'key id', 16),
      nonce: fields.bytes(2, 'nonce', 16),
      time: fields.int(3, 'time', 1, maxTime),
      purpose,
    };
  },
});

/** Signs a credential request with the key's private key (kid = key id). */
export const signCredentialRequest = credentialRequests.sign;
/** Parses a credential request without verifying it (the issuer looks up the key by kid first). */
export const parseCredentialRequest = credentialRequests.parse;
/** Parses and verifies a credential request with the enrolled key's public key. */
export const verifyCredentialRequest = credentialRequests.verify;
