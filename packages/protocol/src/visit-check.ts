// Visit check (check-in and check-out): the phone signs {phone id, fresh nonce, time, action,
// customer} with its own enrolled key when a staff member registers a visit at a customer without
// a lock (or who refused one). Like a credential request it is a device request the issuer answers
// online, and the signed bytes are kept as the visit's evidence: an auditor verifies them with the
// phone's enrolled public key, as lock visits are verified by the lock's signed chain head.
import { maxTime } from './cbor';
import { contentTypes } from './cose';
import { createDeviceMessage } from './device-message';
import { createCodeLookup } from './reasons';

export const maxVisitCheckBytes = 256;
export const visitCheckActions = { 'check-in': 1, 'check-out': 2 } as const;
export type VisitCheckAction = keyof typeof visitCheckActions;
const actionFromCode = createCodeLookup(visitCheckActions);

export interface VisitCheck {
  /** The phone's device id (its enrolment id, the id of its digital key); equals the kid. */
  keyId: Uint8Array;
  /** 16 random bytes chosen by the phone; the issuer refuses a nonce it has seen. */
  nonce: Uint8Array;
  /** Phone clock when signed; the issuer refuses one more than 5 minutes off its own. */
  time: number;
  action: VisitCheckAction;
  /** The customer's id: the 16 bytes of the UUID the issuer stores for the customer. */
  customer: Uint8Array;
}

const visitChecks = createDeviceMessage<VisitCheck, 'check'>({
  what: 'visit-check',
  contentType: contentTypes.visitCheck,
  maxBytes: maxVisitCheckBytes,
  parsedAs: 'check',
  fieldKeys: { keyId: 1, nonce: 2, time: 3, action: 4, customer: 5 },
  toWire: { action: (action) => visitCheckActions[action] },
  kid: (check) => check.keyId,
  kidName: 'key id',
  readFields: (fields) => ({
    keyId: fields.bytes(1, 'key id', 16),
    nonce: fields.bytes(2, 'nonce', 16),
    time: fields.int(3, 'time', 1, maxTime),
    action: actionFromCode(fields.int(4, 'action', 1, 2))!,
    customer: fields.bytes(5, 'customer', 16),
  }),
});

/** Signs a visit check with the phone's private key (kid = phone id). */
export const signVisitCheck = visitChecks.sign;
/** Parses a visit check without verifying it (the issuer looks up the phone by kid first). */
export const parseVisitCheck = visitChecks.parse;
/** Parses and verifies a visit check with the phone's enrolled public key. */
export const verifyVisitCheck = visitChecks.verify;
