// The R2.6 warnings of some customers, as the API shows them: core's rule over storage's facts,
// each warning with the door's street address, and for a provider only its own services.
import type { CustomerNightAccess, NightAccessWarning } from '@portvakt/contract';
import { judgeAsOf, findLocalDay, judgeNightAccess } from '@portvakt/core';
import { readNightAccessFacts } from '@portvakt/storage';
import { ApiError } from '../platform/errors';

/** The day asked about, or 422 invalid_as_of: a real day (YYYY-MM-DD), not after today. */
export function resolveAsOf(asOf: string | undefined, now: Date): string {
  const day = judgeAsOf(asOf, findLocalDay(now));
  if (day === null)
    throw new ApiError(
      422,
      'invalid_as_of',
      'asOf must be a calendar day (YYYY-MM-DD) no later than today.',
      {
        field: 'asOf',
      },
    );
  return day;
}

/**
 * Warnings per customer on `day`, customers without any left out, of the customers storage's facts
 * are read for (the same arguments). A provider-scoped reader sees only warnings about its own
 * services, as it sees only its own customer services.
 */
export async function judgeCustomersNightAccess(
  ...query: Parameters<typeof readNightAccessFacts>
): Promise<CustomerNightAccess[]> {
  const [, scope] = query;
  const facts = await readNightAccessFacts(...query);
  const result: CustomerNightAccess[] = [];
  for (const customer of facts) {
    const needs =
      scope.kind === 'provider'
        ? customer.needs.filter((need) => need.providerId === scope.providerId)
        : customer.needs;
    const addresses = new Map(customer.doors.map((door) => [door.doorId, door.streetAddress]));
    const warnings: NightAccessWarning[] = judgeNightAccess(needs, customer.doors).map((warning) => ({
      ...warning,
      openingHours: warning.openingHours.map(({ from, to, days }) => ({
        from,
        to,
        ...(days ? { days: [...days] } : {}),
      })),
      serviceWindows: warning.serviceWindows.map(({ from, to }) => ({ from, to })),
      streetAddress: addresses.get(warning.doorId) ?? '',
    }));
    if (warnings.length > 0)
      result.push({
        customerId: customer.customerId,
        customerName: customer.customerName,
        districtId: customer.districtId,
        warnings,
      });
  }
  return result;
}
