// Whether an order may be planned given the consents it waits for (R6.2, R7.1): an install on a
// customer's own door needs the customer's consent, one on a shared door the property owner's.
// The facts are read by storage (`readWorkOrderConsentFacts`); the decision is made here.
import type { EntranceConsentStatus } from '../consents';
import type { LockConsentDecision } from './lock-consent-rules';
import type { WorkOrderAwaits } from './work-order-rules';

export interface WorkOrderConsentFacts {
  /** The customer's newest decision (customer_lock_consent), or null when never asked. */
  customerDecision: LockConsentDecision | null;
  /** The entrance's status (entrance_consent), or null when the owner has not been asked. */
  entranceStatus: EntranceConsentStatus | null;
}

export interface ConsentRefusal {
  code: 'consent_missing' | 'consent_no_longer_given';
  message: string;
}

/** A consent an order may wait for: where its status is, and what to say when it is not given. */
interface AwaitedConsent {
  statusOf: (facts: WorkOrderConsentFacts) => string | null;
  neverAsked: string;
  notGiven: (status: string) => string;
}

const awaitedConsents: Partial<Record<WorkOrderAwaits, AwaitedConsent>> = {
  customer_consent: {
    statusOf: (facts) => facts.customerDecision,
    neverAsked: 'The customer has not consented to a lock on their door',
    notGiven: (status) => `The customer's newest decision is "${status}"`,
  },
  owner_consent: {
    statusOf: (facts) => facts.entranceStatus,
    neverAsked: 'The property owner has not been asked for consent to a lock on this entrance',
    notGiven: (status) => `The property owner's consent for this entrance is "${status}"`,
  },
};

/** What each step that needs the consent answers when it is missing: the code and what follows. */
const missingConsentAnswers = {
  planning: {
    code: 'consent_missing',
    then: 'the order cannot be planned. An order under way can go back to requested, where it waits for the consent.',
  },
  // Planned needs the consent too, so the step back that works without it is to requested: the
  // order waits for the consent there, and the lock manager replans or cancels it.
  door: {
    code: 'consent_no_longer_given',
    then: 'the lock is not installed. Move the order back to requested (it waits for the consent there) and tell the lock manager.',
  },
} as const;

/** Why `step` may not go ahead for an order that `awaits` a consent, or null when it may. */
function checkConsent(
  step: keyof typeof missingConsentAnswers,
  awaits: WorkOrderAwaits,
  facts: WorkOrderConsentFacts,
): ConsentRefusal | null {
  const awaited = awaitedConsents[awaits];
  const status = awaited?.statusOf(facts);
  if (!awaited || status === 'consented') return null;
  const missing = status == null ? awaited.neverAsked : awaited.notGiven(status);
  const { code, then } = missingConsentAnswers[step];
  return { code, message: `${missing}: ${then}` };
}

/**
 * Why an order that `awaits` a consent may not be planned yet, or null when it may. Only an
 * explicit consent counts: never asked, asked, reminded, refused, declined and withdrawn all
 * block (a refusal or withdrawal is the newest word and must be respected, R6.2).
 */
export const checkConsentForPlanning = (awaits: WorkOrderAwaits, facts: WorkOrderConsentFacts) =>
  checkConsent('planning', awaits, facts);

/**
 * Why the lock of an install may not go on at the door, or null when it may: the consent the
 * order was planned under must still stand, since a refusal or withdrawal may come while the
 * installer is on the way (R6.2, R7.1). Other kinds wait for nothing.
 */
export const checkConsentAtTheDoor = (awaits: WorkOrderAwaits, facts: WorkOrderConsentFacts) =>
  checkConsent('door', awaits, facts);
