import { describe, expect, it } from 'vitest';
import { ExposureMeter, percentile } from './exposure';
import type { SimulationEvent } from './simulation-events';

const blocked = (
  at: number,
  locks: number[],
  expiresAt: number | null = at + 100 * 3600,
): SimulationEvent => ({
  type: 'key-blocked',
  at,
  staff: 's-1',
  holder: 'key',
  keyId: 'aa',
  version: 4,
  ticketExpiresAt: expiresAt,
  activatedUntil: expiresAt === null ? null : at + 6 * 3600,
  locks,
});
const learned = (at: number, lock: number, version: number, keys: string[] = []): SimulationEvent => ({
  type: 'block-list-learned',
  at,
  lock,
  version,
  keys,
  via: keys.length > 0 ? 'ticket' : 'signed-list',
});

describe('exposure meter', () => {
  it('measures from the block to the lock learning it by version or by ticket entry, capped at ticket expiry', () => {
    const meter = new ExposureMeter();
    meter.observe(learned(0, 1, 3));
    meter.observe(blocked(3600, [1, 2, 3, 4]));
    meter.observe(learned(2 * 3600, 1, 3)); // an older version teaches nothing
    meter.observe(learned(3 * 3600, 1, 4));
    meter.observe(learned(5 * 3600, 2, 3, ['aa']));
    meter.observe(learned(200 * 3600, 3, 9)); // after the key's ticket expired
    const summary = meter.finish(300 * 3600);
    const byLock = new Map(meter.samples.map((s) => [s.lock, s]));
    expect(byLock.get(1)).toMatchObject({ seconds: 2 * 3600, activeSeconds: 2 * 3600, isLearned: true });
    expect(byLock.get(2)).toMatchObject({ seconds: 4 * 3600, isLearned: true });
    // Activated for 6 hours after the block: that is what a finder without the PIN had.
    expect(byLock.get(3)).toMatchObject({ seconds: 100 * 3600, activeSeconds: 6 * 3600, isLearned: false });
    expect(byLock.get(4)).toMatchObject({ seconds: 100 * 3600, isLearned: false });
    expect(summary).toMatchObject({
      blocks: 1,
      locksRelevant: 4,
      censored: 0,
      maxHours: 100,
      learnedShare: 0.5,
    });
  });

  it('counts pairs still open at the end as censored and a key without a valid ticket as no exposure', () => {
    const meter = new ExposureMeter();
    meter.observe(blocked(0, [1, 2]));
    meter.observe({
      ...(blocked(0, [], null) as Extract<SimulationEvent, { type: 'key-blocked' }>),
      keyId: 'bb',
    });
    const summary = meter.finish(10 * 3600);
    expect(summary).toMatchObject({ blocks: 2, locksRelevant: 2, censored: 2 });
  });

  it('takes nearest-rank percentiles', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 95)).toBe(4);
    expect(percentile([], 95)).toBe(0);
  });
});
