// What a phone check-in and check-out both decide before anything is written (docs/device-gateway.md
// "Phone visits"): the phone's key is active and has a holder, the phone is logged in for the
// current shift (its login ticket has not ended), and the customer is one the holder's provider
// serves.
// The phone's signature, clock and nonce were checked by the gateway before.
import { bytesToHex, bytesToUuid, type VisitCheck } from '@portvakt/protocol';
import {
  appendAudit,
  readPhoneVisitContext,
  type PhoneVisitContext,
  type PhoneVisitEvidence,
  type Queryable,
} from '@portvakt/storage';
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { ApiError } from '../platform/errors';
import { requireLoggedInPhoneHolder } from './logged-in-phone-holder';

/** A phone whose signed visit check the gateway verified, and the check with its exact bytes. */
export interface PhoneVisitInput {
  phone: { enrolmentId: string; digitalKeyId: string; municipalityId: string; label: string };
  check: VisitCheck;
  /** The signed bytes as received: kept as the visit's evidence. */
  request: Uint8Array;
}

/** What a phone check-in or check-out is given: the gateway's verified check, the clock and the request. */
export interface PhoneVisitOptions {
  db: pg.Pool;
  input: PhoneVisitInput;
  now: Date;
  requestId: string;
}

export interface JudgedPhoneVisit {
  context: PhoneVisitContext;
  staff: { id: string; providerId: string };
  customerId: string;
  evidence: PhoneVisitEvidence;
}

/** Reads what the check needs in one statement and refuses a phone that may not register visits. */
export async function judgePhoneVisit(
  db: Queryable,
  input: PhoneVisitInput,
  now: Date,
): Promise<JudgedPhoneVisit> {
  const customerId = bytesToUuid(input.check.customer);
  const found = await readPhoneVisitContext(db, {
    municipalityId: input.phone.municipalityId,
    digitalKeyId: input.phone.digitalKeyId,
    customerId,
    at: now,
  });
  const { context, staff } = requireLoggedInPhoneHolder(found, input.phone.municipalityId, now);
  // Another provider's customer is answered like an unknown id, and neither is audited, so the
  // answer and its timing say nothing about who exists. An open visit is left even after the
  // service ended at midnight.
  if (!context.isCustomerInReach && !context.openVisit)
    throw new ApiError(404, 'not_found', 'No such customer.');
  return {
    context,
    staff,
    customerId,
    evidence: {
      deviceId: input.phone.enrolmentId,
      nonce: input.check.nonce,
      signedAt: new Date(input.check.time * 1000),
      request: input.request,
      requestSha256: createHash('sha256').update(input.request).digest(),
    },
  };
}

/** The evidence as the audit entry names it: the phone, the nonce and the request's hash. */
export function describeEvidence(evidence: PhoneVisitEvidence) {
  return {
    deviceId: evidence.deviceId,
    nonce: bytesToHex(evidence.nonce),
    signedAt: evidence.signedAt.toISOString(),
    requestSha256: bytesToHex(evidence.requestSha256),
  };
}

/**
 * A phone visit's audit entry: the phone is the actor (source `device`), and `after` names the
 * customer, the staff member, the entry's own `detail` and the evidence.
 */
export async function auditPhoneVisit(
  db: Queryable,
  visit: { phone: PhoneVisitInput['phone']; judged: JudgedPhoneVisit; requestId: string },
  entry: {
    action: string;
    entity: 'visit' | 'digital_key';
    entityId: string;
    detail: Record<string, unknown>;
  },
): Promise<void> {
  const { phone, judged } = visit;
  await appendAudit(db, {
    municipalityId: phone.municipalityId,
    actorLabel: phone.label,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    after: {
      customerId: judged.customerId,
      staffMemberId: judged.staff.id,
      ...entry.detail,
      ...describeEvidence(judged.evidence),
    },
    requestId: visit.requestId,
    source: 'device',
  });
}
