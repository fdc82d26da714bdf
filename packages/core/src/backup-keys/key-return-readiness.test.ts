import { describe, expect, it } from 'vitest';
import { judgeKeyReturnReadiness, maskOtherProviders, type ReadinessFacts } from './key-return-readiness';

const day = '2027-03-10';
const dayProvider = {
  providerId: 'day',
  name: 'Hemtjänst Dag',
  introducedOn: '2027-02-01',
  hasPlanInForce: true,
};
const nightPatrol = { providerId: 'night', name: 'Nattpatrullen', introducedOn: null, hasPlanInForce: false };
const doors = [
  { doorId: 'entrance', label: 'Port A', lockId: 'l1', isInUse: true },
  { doorId: 'apartment', label: 'Lgh 1001', lockId: 'l2', isInUse: true },
];
const facts = (overrides: Partial<ReadinessFacts> = {}): ReadinessFacts => ({
  day,
  providers: [dayProvider],
  doors,
  roundTheClockSupportSince: '2027-01-01',
  ...overrides,
});

describe('readiness to return the keys (R8.3)', () => {
  it('is ready when every chosen provider is introduced with a plan, every door in use, and support round the clock', () => {
    expect(judgeKeyReturnReadiness(facts())).toEqual({ isReady: true, missing: [] });
  });

  it('is not ready while the night patrol is not introduced and has no plan, and says so per provider', () => {
    const result = judgeKeyReturnReadiness(facts({ providers: [dayProvider, nightPatrol] }));
    expect(result.isReady).toBe(false);
    expect(result.missing).toEqual([
      { code: 'provider_not_introduced', providerId: 'night', providerName: 'Nattpatrullen' },
      { code: 'deviation_plan_missing', providerId: 'night', providerName: 'Nattpatrullen' },
    ]);
    const introduced = { ...nightPatrol, introducedOn: '2027-03-01' };
    expect(judgeKeyReturnReadiness(facts({ providers: [dayProvider, introduced] })).missing).toEqual([
      { code: 'deviation_plan_missing', providerId: 'night', providerName: 'Nattpatrullen' },
    ]);
    const planned = { ...introduced, hasPlanInForce: true };
    expect(judgeKeyReturnReadiness(facts({ providers: [dayProvider, planned] })).isReady).toBe(true);
  });

  it('counts an introduction only from its day', () => {
    const later = { ...dayProvider, introducedOn: '2027-03-11' };
    expect(judgeKeyReturnReadiness(facts({ providers: [later] })).missing.map((gap) => gap.code)).toEqual([
      'provider_not_introduced',
    ]);
  });

  it('names each door without a lock or with a lock not in use', () => {
    const result = judgeKeyReturnReadiness(
      facts({
        doors: [
          { doorId: 'entrance', label: 'Port A', lockId: null, isInUse: false },
          { doorId: 'apartment', label: 'Lgh 1001', lockId: 'l2', isInUse: false },
        ],
      }),
    );
    expect(result.missing).toEqual([
      { code: 'door_without_lock', doorId: 'entrance', doorLabel: 'Port A' },
      { code: 'lock_not_in_use', doorId: 'apartment', doorLabel: 'Lgh 1001' },
    ]);
  });

  it('needs round-the-clock support established on or before the day', () => {
    const codes = (since: string | null) =>
      judgeKeyReturnReadiness(facts({ roundTheClockSupportSince: since })).missing;
    expect(codes(null)).toEqual([{ code: 'round_the_clock_support_missing', since: null }]);
    expect(codes('2027-03-11')).toEqual([{ code: 'round_the_clock_support_missing', since: '2027-03-11' }]);
    expect(codes(day)).toEqual([]);
  });

  it('is never ready without a provider or without doors on the way in', () => {
    expect(
      judgeKeyReturnReadiness(facts({ providers: [], doors: [] })).missing.map((gap) => gap.code),
    ).toEqual(['no_provider', 'no_doors_on_path']);
  });

  it('hides other providers from a provider’s work lead', () => {
    const { missing } = judgeKeyReturnReadiness(
      facts({ providers: [{ ...dayProvider, introducedOn: null }, nightPatrol] }),
    );
    expect(maskOtherProviders(missing, 'day')).toEqual([
      { code: 'provider_not_introduced', providerId: 'day', providerName: 'Hemtjänst Dag' },
      { code: 'provider_not_introduced', providerId: null, providerName: null },
      { code: 'deviation_plan_missing', providerId: null, providerName: null },
    ]);
  });
});
