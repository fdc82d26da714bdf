// Visit check (check-in and check-out): the phone signs {phone id, fresh nonce, time, action,
// customer} with its own enrolled key when a staff member registers a visit at a customer without
// a lock (or who refused one). Like a credential request it is a device request the issuer answers
// online, and the signed bytes are kept as the visit's evidence: an auditor verifies them with the
// phone's enrolled public key, as lock visits are verified by the lock's signed chain head.
import { equalBytes } from './bytes';
import { decodeFieldMap, encodeFieldMap, maxTime } from './cbor';
import type { CoseSign1 } from './cose';
import { contentTypes, decodeCoseSign1, signCoseSign1, verifyCoseSign1ByKey } from './cose';
import { ProtocolError } from './errors';
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

/** Signs a visit check with the phone's private key (kid = phone id). */
export async function signVisitCheck(check: VisitCheck, privateKey: CryptoKey): Promise<Uint8Array> {
  const payload = encodeFieldMap([
    [1, check.keyId],
    [2, check.nonce],
    [3, check.time],
    [4, visitCheckActions[check.action]],
    [5, check.customer],
  ]);
  return signCoseSign1({ privateKey, kid: check.keyId, contentType: contentTypes.visitCheck, payload });
}

/** Parses a visit check without verifying it (the issuer looks up the phone by kid first). */
export function parseVisitCheck(bytes: Uint8Array): { sign1: CoseSign1; check: VisitCheck } {
  const what = 'visit-check';
  const sign1 = decodeCoseSign1(bytes, contentTypes.visitCheck, maxVisitCheckBytes, what);
  const fields = decodeFieldMap(sign1.payload, maxVisitCheckBytes, what, [1, 2, 3, 4, 5]);
  const check: VisitCheck = {
    keyId: fields.bytes(1, 'key id', 16),
    nonce: fields.bytes(2, 'nonce', 16),
    time: fields.int(3, 'time', 1, maxTime),
    action: actionFromCode(fields.int(4, 'action', 1, 2))!,
    customer: fields.bytes(5, 'customer', 16),
  };
  if (!equalBytes(sign1.kid, check.keyId))
    throw new ProtocolError('out-of-range', `${what}: kid must be the key id`);
  return { sign1, check };
}

/** Parses and verifies a visit check with the phone's enrolled public key. */
export async function verifyVisitCheck(bytes: Uint8Array, phonePublicKey: CryptoKey): Promise<VisitCheck> {
  const { sign1, check } = parseVisitCheck(bytes);
  await verifyCoseSign1ByKey(sign1, phonePublicKey, 'visit-check');
  return check;
}
