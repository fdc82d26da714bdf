import { judgeCountedPin, judgePinBeforeCounting, maxPinFailures, type PinVerdict } from '@portvakt/core';
import { readIssueContext, settleActivation, type Queryable } from '@portvakt/storage';
import {
  authenticateKey,
  isSeenLongAgo,
  replayedDeviceRequest,
  replayedKeyRequest,
  type AuthenticatedDevice,
  type EnrolmentReader,
  type IssueContextReader,
} from './device-authentication';
import { DeviceRefusal, planCredentials, type CredentialPlan, type IssuedCredentials } from './credentials';
import { recordDeviceEvent } from './device-events';
import type { GatewayDeps } from './gateway-deps';
import { isPinCorrect } from './pin';

export interface ActivateKeyInput {
  /** The key's credential request (purpose activation), signed by the key. */
  request: Uint8Array;
  pin: string;
}

/**
 * A staff member activates their key at an activation box with the PIN (R1.3) and gets a fresh
 * ticket. The box (`actor`) is authenticated by the route, its nonce not yet recorded.
 *
 * Two statements (docs/device-gateway.md "Activation"): the enrolments of box and key with the
 * key's issue context and PIN state (read by the route), and one statement that records both
 * nonces, counts the PIN attempt, takes the ticket sequence and, for a ticket, opens or extends the
 * holder's work shift under their shift lock (activations at once open one shift); the audit entry
 * joins the next group commit. The PIN is checked against this key's verifier only, in memory, before the
 * attempt is counted; the count only moves while that verifier is still the key's and the PIN is
 * not locked, so concurrent guesses are counted one after another and never more than five.
 * No connection or row lock is held while the PIN is checked or the ticket signed.
 */
export async function activateKey(options: {
  db: Queryable;
  deps: GatewayDeps;
  masterKey: Buffer;
  actor: AuthenticatedDevice;
  readEnrolment: EnrolmentReader;
  /** The key's issue context, when the route read it with the enrolments (`prefetchActivation`). */
  readContext?: IssueContextReader;
  input: ActivateKeyInput;
  /** The issuer's clock (`readClock`): the key's time is checked against it, the ticket issued at it. */
  now: Date;
}): Promise<IssuedCredentials> {
  const { db, deps, actor: box, input, now } = options;
  const municipalityId = box.enrolment.municipalityId;
  const key = await authenticateKey(db, input.request, 'activation', {
    municipalityId,
    readEnrolment: options.readEnrolment,
    deferWrites: true,
    now,
  });
  const keyId = key.enrolment.digitalKeyId!;
  const context = await (options.readContext ?? ((m, k) => readIssueContext(db, m, k, now)))(
    municipalityId,
    keyId,
  );
  const pin = context?.key?.pin ?? { verifier: null, failures: 0, isLocked: false };
  const refusedOutright = judgePinBeforeCounting({ ...pin, hasVerifier: pin.verifier !== null });
  const isCorrect =
    refusedOutright === undefined && (await isPinCorrect(input.pin, keyId, pin.verifier!, options.masterKey));

  // A refusal of the key itself (blocked, no holder) comes after the PIN, as it always has.
  let plan: CredentialPlan | undefined;
  let refusal: unknown;
  if (isCorrect) {
    plan = await planCredentials(db, context, deps, { municipalityId, digitalKeyId: keyId, now }).catch(
      (error: unknown) => {
        refusal = error;
        return undefined;
      },
    );
  }
  const outcome = await settleActivation(db, {
    municipalityId,
    boxId: box.enrolment.id,
    boxNonce: box.nonce,
    digitalKeyId: keyId,
    keyNonce: key.nonce,
    checkedVerifier: refusedOutright === undefined ? pin.verifier! : '',
    isPinCorrect: isCorrect,
    maxFailures: maxPinFailures,
    ticketExpiresAt: plan?.expiresAt,
    staleEnrolmentIds: [box.enrolment, key.enrolment].filter((e) => isSeenLongAgo(e)).map((e) => e.id),
    at: now,
  });
  if (outcome.kind === 'replayed-box') throw replayedDeviceRequest();
  if (outcome.kind === 'replayed-key') throw replayedKeyRequest();

  const verdict: PinVerdict =
    refusedOutright ?? (outcome.kind === 'counted' ? judgeCountedPin(isCorrect, outcome.failures) : 'locked');
  const deviceLabel = box.enrolment.label ?? box.enrolment.id;
  if (verdict !== 'ok') {
    await recordDeviceEvent(db, municipalityId, {
      action: 'activation_refused',
      keyId,
      deviceLabel,
      after: { reason: verdict },
    });
    if (verdict === 'wrong') throw new DeviceRefusal('wrong-pin', 'Wrong PIN for this key.');
    throw new DeviceRefusal('pin-locked-out', 'The PIN is locked; ask your work lead for a reset code.');
  }
  if (refusal !== undefined || !plan) throw refusal;
  if (outcome.kind !== 'counted' || outcome.ticketSequence === undefined) {
    throw new Error('activation settled without a ticket sequence');
  }
  const issued = await plan.sign(outcome.ticketSequence);
  await recordDeviceEvent(db, municipalityId, {
    action: 'activate',
    keyId,
    deviceLabel,
    after: { expiresAt: issued.expiresAt.toISOString(), locks: issued.lockCount },
  });
  return issued;
}
