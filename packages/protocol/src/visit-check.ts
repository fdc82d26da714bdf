// Visit check (check-in and check-out): the phone signs {phone id, fresh nonce, time, action,
// customer} with its own enrolled key when a staff member registers a visit at a customer without
// a lock (or who refused one). Like a credential request it is a device request the issuer answers
// online, and the signed bytes are kept as the visit's evidence: an auditor verifies them with the
// phone's enrolled public key, as lock visits are verified by the lock's signed chain head.
import { contentTypes } from './cose';
import { createDeviceRequest, type DeviceRequestFields } from './device-message';
import { createCodeLookup } from './reasons';

export const maxVisitCheckBytes = 256;
export const visitCheckActions = { 'check-in': 1, 'check-out': 2 } as const;
export type VisitCheckAction = keyof typeof visitCheckActions;
const actionFromCode = createCodeLookup(visitCheckActions);

/** A phone's check; the issuer refuses one whose `time` is more than 5 minutes off its own clock. */
export interface VisitCheck extends DeviceRequestFields {
  action: VisitCheckAction;
  /** The customer's id: the 16 bytes of the UUID the issuer stores for the customer. */
  customer: Uint8Array;
}

const visitChecks = createDeviceRequest<VisitCheck, 'check'>({
  what: 'visit-check',
  contentType: contentTypes.visitCheck,
  maxBytes: maxVisitCheckBytes,
  parsedAs: 'check',
  fieldKeys: { action: 4, customer: 5 },
  toWire: { action: (action) => visitCheckActions[action] },
  readFields: (fields) => ({
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
