// Core's readiness rule (R8.3) over storage's snapshot: one customer's facts with each provider's
// plan in force on the day; a work lead's answer names no other provider.
import {
  findPlanInForce,
  judgeKeyReturnReadiness,
  maskOtherProviders,
  readSupportSettings,
  type Scope,
} from '@portvakt/core';
import type { CustomerReadiness } from '@portvakt/contract';
import type { ReadinessSnapshot } from '@portvakt/storage';

export function judgeReadiness(snapshot: ReadinessSnapshot, scope: Scope, day: string): CustomerReadiness[] {
  const { roundTheClockSupportSince } = readSupportSettings(snapshot.settings);
  const ownProvider = scope.kind === 'provider' || scope.kind === 'self' ? scope.providerId : undefined;
  return snapshot.customers.map(({ providers, doors, ...customer }) => {
    const readiness = judgeKeyReturnReadiness({
      day,
      providers: providers.map((provider) => ({
        ...provider,
        hasPlanInForce: findPlanInForce(snapshot.plans, provider.providerId, day) !== undefined,
      })),
      doors,
      roundTheClockSupportSince,
    });
    return {
      ...customer,
      isReady: readiness.isReady,
      missing: ownProvider ? maskOtherProviders(readiness.missing, ownProvider) : readiness.missing,
    };
  });
}
