// Time attestation: the issuer's signed statement of the time, bound to one lock challenge. It is
// the only thing that may move a lock's clock (and its time floor) backwards: being bound to the
// lock's fresh nonce, it cannot be replayed later. An online device (a phone) fetches it for a
// lock whose clock runs ahead, e.g. after someone set it forward.
import { maxTime, maxUint32 } from './cbor';
import { nonceBytes } from './challenge';
import { contentTypes } from './cose';
import { createFieldMapMessage } from './issuer-message';

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

const timeAttestationMessage = createFieldMapMessage<TimeAttestation, 'attestation'>({
  what: 'time-attestation',
  parsedAs: 'attestation',
  contentType: contentTypes.timeAttestation,
  maxBytes: maxTimeAttestationBytes,
  fieldKeys: { lock: 2, nonce: 3, time: 4 },
  readFields: (fields) => ({
    lock: fields.int(2, 'lock', 0, maxUint32),
    nonce: fields.bytes(3, 'nonce', nonceBytes),
    time: fields.int(4, 'time', 0, maxTime),
  }),
});

/** Signs a time attestation with the issuer key. */
export const signTimeAttestation = timeAttestationMessage.sign;

/** Parses a time attestation without verifying it. */
export const parseTimeAttestation = timeAttestationMessage.parse;

/** Parses and verifies a time attestation under the issuer keys. */
export const verifyTimeAttestation = timeAttestationMessage.verify;
