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

/**
 * Why an order that `awaits` a consent may not be planned yet, or null when it may. Only an
 * explicit consent counts: never asked, asked, reminded, refused, declined and withdrawn all
 * block (a refusal or withdrawal is the newest word and must be respected, R6.2).
 */
export function checkConsentForPlanning(
  awaits: WorkOrderAwaits,
  facts: WorkOrderConsentFacts,
): ConsentRefusal | null {
  if (awaits === 'customer_consent' && facts.customerDecision !== 'consented')
    return {
      code: 'consent_missing',
      message:
        facts.customerDecision === null
          ? 'The customer has not consented to a lock on their door; record the consent first.'
          : `The customer's newest decision is "${facts.customerDecision}": the order cannot be planned.`,
    };
  if (awaits === 'owner_consent' && facts.entranceStatus !== 'consented')
    return {
      code: 'consent_missing',
      message:
        facts.entranceStatus === null
          ? 'The property owner has not been asked for consent to a lock on this entrance.'
          : `The property owner's consent for this entrance is "${facts.entranceStatus}": the order cannot be planned.`,
    };
  return null;
}
