// Time attestation: the issuer's signed statement of the time, bound to one lock challenge. It is
// the only thing that may move a lock's clock (and its time floor) backwards: being bound to the
// lock's fresh nonce, it cannot be replayed later. An online device (a phone) fetches it for a
// lock whose clock runs ahead, e.g. after someone set it forward.
import { decodeFieldMap, encodeFieldMap, maxTime, maxUint32 } from './cbor';
import { nonceBytes } from './challenge';
import type { CoseSign1 } from './cose';
import { contentTypes } from './cose';
import type { KeyRing } from './crypto';
import type { IssuerMessageFormat, IssuerSigningKey } from './issuer-message';
import { parseIssuerMessage, signIssuerMessage, verifyIssuerMessage } from './issuer-message';

export const maxTimeAttestationBytes = 256;

export interface TimeAttestation {
  issuer: string;
  /** The lock number from the challenge. */
  lock: number;
  /** The challenge nonce. */
  nonce: Uint8Array;
  /** Issuer clock when signed. */
  time: number;
}

const timeAttestationFormat: IssuerMessageFormat<TimeAttestation> = {
  what: 'time-attestation',
  contentType: contentTypes.timeAttestation,
  maxBytes: maxTimeAttestationBytes,
  encodePayload: (attestation) =>
    encodeFieldMap([
      [1, attestation.issuer],
      [2, attestation.lock],
      [3, attestation.nonce],
      [4, attestation.time],
    ]),
  decodePayload(payload) {
    const fields = decodeFieldMap(payload, maxTimeAttestationBytes, 'time-attestation', [1, 2, 3, 4]);
    return {
      issuer: fields.text(1, 'issuer', 64),
      lock: fields.int(2, 'lock', 0, maxUint32),
      nonce: fields.bytes(3, 'nonce', nonceBytes),
      time: fields.int(4, 'time', 0, maxTime),
    };
  },
};

/** Signs a time attestation with the issuer key. */
export async function signTimeAttestation(
  attestation: TimeAttestation,
  signer: IssuerSigningKey,
): Promise<Uint8Array> {
  return signIssuerMessage(timeAttestationFormat, attestation, signer);
}

/** Parses a time attestation without verifying it. */
export function parseTimeAttestation(bytes: Uint8Array): { sign1: CoseSign1; attestation: TimeAttestation } {
  const { sign1, value } = parseIssuerMessage(timeAttestationFormat, bytes);
  return { sign1, attestation: value };
}

/** Parses and verifies a time attestation under the issuer keys. */
export async function verifyTimeAttestation(
  bytes: Uint8Array,
  issuerKeys: KeyRing,
): Promise<TimeAttestation> {
  return verifyIssuerMessage(timeAttestationFormat, bytes, issuerKeys);
}
