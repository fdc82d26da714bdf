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
  code: 'consent_missing';
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
    neverAsked: 'The customer has not consented to a lock on their door; record the consent first.',
    notGiven: (status) => `The customer's newest decision is "${status}": the order cannot be planned.`,
  },
  owner_consent: {
    statusOf: (facts) => facts.entranceStatus,
    neverAsked: 'The property owner has not been asked for consent to a lock on this entrance.',
    notGiven: (status) =>
      `The property owner's consent for this entrance is "${status}": the order cannot be planned.`,
  },
};

/**
 * Why an order that `awaits` a consent may not be planned yet, or null when it may. Only an
 * explicit consent counts: never asked, asked, reminded, refused, declined and withdrawn all
 * block (a refusal or withdrawal is the newest word and must be respected, R6.2).
 */
export function checkConsentForPlanning(
  awaits: WorkOrderAwaits,
  facts: WorkOrderConsentFacts,
): ConsentRefusal | null {
  const awaited = awaitedConsents[awaits];
  if (!awaited) return null;
  const status = awaited.statusOf(facts);
  if (status === 'consented') return null;
  return {
    code: 'consent_missing',
    message: status === null ? awaited.neverAsked : awaited.notGiven(status),
  };
}
