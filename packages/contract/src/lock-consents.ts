// The customer's own consent to a lock (R6.2), providers introduced to a customer's locks (R8.4)
// and whether a lock is in use: API shapes for server and console (docs/work-orders.md
// "Triggers, consent and introductions").
import { lockConsentDecisions, lockConsentWays } from '@portvakt/core';
import { Type, type Static } from 'typebox';
import { day, orNull, recordedName, timestamp, uuid } from './schema-parts';

export const LockConsentBody = Type.Object(
  {
    decision: Type.Enum(lockConsentDecisions),
    decidedOn: day(),
    givenHow: Type.Enum(lockConsentWays),
    note: Type.Optional(orNull(Type.String({ maxLength: 1000 }))),
  },
  { additionalProperties: false },
);
export type LockConsentBody = Static<typeof LockConsentBody>;

export const LockConsent = Type.Object({
  id: Type.String(),
  customerId: uuid(),
  decision: Type.Enum(lockConsentDecisions),
  decidedOn: day(),
  givenHow: Type.Enum(lockConsentWays),
  note: orNull(Type.String()),
  recordedBy: Type.String({
    description: 'Who recorded the decision: a username, `token:<name>` for an API token.',
  }),
  recordedByName: recordedName(),
  recordedAt: timestamp(),
});
export type LockConsent = Static<typeof LockConsent>;

/** The customer's decisions, newest first; the first is the one that applies. */
export const LockConsentHistory = Type.Object({
  hasRefusedLock: Type.Boolean(),
  items: Type.Array(LockConsent),
});
export type LockConsentHistory = Static<typeof LockConsentHistory>;

/**
 * A recorded decision, the install orders a refusal cancelled, and the planned moves of a lock
 * onto the customer's own door it took back to requested (they wait for consent again).
 */
export const LockConsentResult = Type.Object({
  consent: LockConsent,
  hasRefusedLock: Type.Boolean(),
  cancelledOrders: Type.Array(Type.Object({ id: uuid(), reference: Type.String() })),
  returnedOrders: Type.Array(Type.Object({ id: uuid(), reference: Type.String() }), {
    description: 'Planned moves of a lock onto the customer’s own door, back to requested.',
  }),
});
export type LockConsentResult = Static<typeof LockConsentResult>;

export const ProviderIntroductionBody = Type.Object(
  { customerId: uuid(), providerId: uuid(), introducedOn: day() },
  { additionalProperties: false },
);
export type ProviderIntroductionBody = Static<typeof ProviderIntroductionBody>;

export const ProviderIntroduction = Type.Object({
  customerId: uuid(),
  providerId: uuid(),
  providerName: Type.String(),
  introducedOn: day(),
  recordedBy: Type.String(),
  recordedAt: timestamp(),
});
export type ProviderIntroduction = Static<typeof ProviderIntroduction>;

export const ProviderIntroductionList = Type.Object({ items: Type.Array(ProviderIntroduction) });
export type ProviderIntroductionList = Static<typeof ProviderIntroductionList>;

/** Whether an installed lock is in use today (R8.4): lock_usage_on's answer. */
export const LockUsage = Type.Object({
  lockId: uuid(),
  day: day(),
  isInUse: Type.Boolean(),
  customersServed: Type.Integer({
    description: 'Customers served today with the lock’s door on their way in.',
  }),
  providersMissing: Type.Integer({
    description: 'Pairs of such a customer and a provider serving them that is not introduced yet.',
  }),
});
export type LockUsage = Static<typeof LockUsage>;

/** The locks on a customer's way in and whether they are in use, with the providers still to introduce. */
export const CustomerLockStatus = Type.Object({
  customerId: uuid(),
  day: day(),
  hasRefusedLock: Type.Boolean(),
  doors: Type.Array(
    Type.Object({
      doorId: uuid(),
      kind: Type.String(),
      label: Type.String(),
      lockId: orNull(uuid()),
      lockSerial: orNull(Type.String()),
      isInUse: Type.Boolean(),
    }),
  ),
  providers: Type.Array(
    Type.Object({ providerId: uuid(), name: Type.String(), introducedOn: orNull(day()) }),
  ),
});
export type CustomerLockStatus = Static<typeof CustomerLockStatus>;
