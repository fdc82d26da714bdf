// Credential request: the key (or phone) signs {key id, fresh nonce, time, purpose} so the issuer
// knows the enrolled key itself, not just the activation box or sync station in between, asked for
// a ticket. For purpose "activation" the key signs only after a correct PIN, and `time` is its
// activation time.
import { contentTypes } from './cose';
import { createDeviceRequest, type DeviceRequestFields } from './device-message';
import { createCodeLookup } from './reasons';

export const maxCredentialRequestBytes = 256;
export const credentialPurposes = { activation: 1, sync: 2, login: 3 } as const;
export type CredentialPurpose = keyof typeof credentialPurposes;
const purposeFromCode = createCodeLookup(credentialPurposes);

/** A key's (or phone's) request; its `time` is the key's clock, for "activation" the activation time. */
export interface CredentialRequest extends DeviceRequestFields {
  purpose: CredentialPurpose;
}

const credentialRequests = createDeviceRequest<CredentialRequest, 'request'>({
  what: 'credential-request',
  contentType: contentTypes.credentialRequest,
  maxBytes: maxCredentialRequestBytes,
  parsedAs: 'request',
  fieldKeys: { purpose: 4 },
  toWire: { purpose: (purpose) => credentialPurposes[purpose] },
  readFields: (fields) => ({ purpose: purposeFromCode(fields.int(4, 'purpose', 1, 3))! }),
});

/** Signs a credential request with the key's private key (kid = key id). */
export const signCredentialRequest = credentialRequests.sign;
/** Parses a credential request without verifying it (the issuer looks up the key by kid first). */
export const parseCredentialRequest = credentialRequests.parse;
/** Parses and verifies a credential request with the enrolled key's public key. */
export const verifyCredentialRequest = credentialRequests.verify;
