// Readiness to return the physical keys (R8.3) per customer, filtered by district and provider,
// judged today: ready, or what is missing. A work lead sees the customers their provider serves
// or holds keys for.
import { localToday, readSupportSettings } from '@portvakt/core';
import type { KeyReturnReadinessReport } from '@portvakt/contract';
import { readReadinessSnapshot } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { judgeReadiness } from './judge-readiness';

export async function readKeyReturnReadiness({
  db,
  actor,
  input,
  now,
}: ReadOptions<{ district?: string; provider?: string; customerId?: string; holding?: boolean }> & {
  now: Date;
}): Promise<KeyReturnReadinessReport> {
  const scope = authorise(actor, 'key_return_readiness', 'read');
  const day = localToday(now);
  const snapshot = await readReadinessSnapshot(
    db,
    scope,
    {
      districtId: input.district,
      providerId: input.provider,
      customerId: input.customerId,
      isHolding: input.holding,
    },
    day,
  );
  const items = judgeReadiness(snapshot, scope, day);
  const holding = items.filter((item) => item.keysHeld > 0);
  return {
    day,
    roundTheClockSupportSince: readSupportSettings(snapshot.settings).roundTheClockSupportSince,
    items,
    totals: {
      customers: items.length,
      ready: items.filter((item) => item.isReady).length,
      holdingKeys: holding.length,
      readyHoldingKeys: holding.filter((item) => item.isReady).length,
    },
    isTruncated: snapshot.isTruncated,
  };
}
