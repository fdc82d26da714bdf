import { describe, expect, it } from 'vitest';
import {
  countConsent,
  countRollout,
  countRolloutHistory,
  findLocalDay,
  judgeAsOf,
  listChartDays,
  type RolloutFacts,
} from './rollout-rules';

const facts: RolloutFacts = {
  districts: [
    { id: 'n', code: 'N', name: 'Norr', rolloutStartQuarter: '2026-Q1' },
    { id: 's', code: 'S', name: 'Söder', rolloutStartQuarter: null },
  ],
  entrances: [
    { doorId: 'e1', propertyId: 'p1', districtId: 'n', consentStatus: 'consented' },
    { doorId: 'e2', propertyId: 'p1', districtId: 'n', consentStatus: 'asked' },
    { doorId: 'e3', propertyId: 'p2', districtId: 'n', consentStatus: 'consented' },
    { doorId: 'e4', propertyId: 'p3', districtId: 's', consentStatus: null },
  ],
  locks: [
    { lockId: 'l1', doorKind: 'entrance', districtId: 'n', installedOn: '2026-02-10' },
    { lockId: 'l2', doorKind: 'apartment_door', districtId: 'n', installedOn: '2026-05-03' },
    { lockId: 'l3', doorKind: 'apartment_door', districtId: 's', installedOn: '2026-11-20' },
  ],
  lockDoors: { l1: 'e3', l2: 'a1', l3: 'a2' },
  locksInUseByDay: { '2026-12-01': ['l1', 'l2'], '2026-04-30': ['l1', 'l2'], '2026-05-31': ['l1', 'l2'] },
  openInstallOrders: [
    { doorKind: 'entrance', districtId: 's' },
    { doorKind: 'apartment_door', districtId: 's' },
    { doorKind: 'key_safe', districtId: 's' },
  ],
  customers: [
    {
      customerId: 'c1',
      districtId: 'n',
      doorIds: ['e3', 'a1'],
      services: [{ startsOn: '2026-01-01', endsOn: null }],
    },
    {
      customerId: 'c2',
      districtId: 's',
      doorIds: ['e4', 'a2'],
      services: [{ startsOn: '2026-01-01', endsOn: null }],
    },
    {
      customerId: 'c3',
      districtId: 's',
      doorIds: ['a2'],
      services: [{ startsOn: '2025-01-01', endsOn: '2025-12-31' }],
    },
  ],
  keyHolders: [
    { districtId: 'n', staffMemberId: 'st1' },
    { districtId: 's', staffMemberId: 'st1' },
    { districtId: 's', staffMemberId: 'st2' },
  ],
  nightAccessCustomers: [
    { customerId: 'c2', districtId: 's' },
    { customerId: 'c2', districtId: 's' },
  ],
};

describe('rollout figures (R8.1)', () => {
  it('a property is asked when any entrance is, consented only when all are', () => {
    expect(countConsent(facts.entrances)).toEqual({ properties: 3, asked: 2, consented: 1 });
  });

  it('counts per district with a totals row; staff serving two districts count once in the total', () => {
    const { rows, totals } = countRollout(facts, '2026-12-01');
    expect(rows[0]).toMatchObject({
      district: { id: 'n' },
      properties: 2,
      propertiesAsked: 2,
      propertiesConsented: 1,
      entranceLocksInstalled: 1,
      entranceLocksInUse: 1,
      apartmentLocksInstalled: 1,
      apartmentLocksInUse: 1,
      customersServed: 1,
      customersKeyless: 1,
      staffWithKeys: 1,
    });
    expect(rows[1]).toMatchObject({
      district: { id: 's' },
      entranceLocksPlanned: 1,
      apartmentLocksPlanned: 1,
      apartmentLocksInstalled: 1,
      apartmentLocksInUse: 0,
      customersServed: 1,
      customersKeyless: 0,
      staffWithKeys: 2,
      customersNightAccess: 1,
    });
    expect(totals).toMatchObject({
      properties: 3,
      staffWithKeys: 2,
      customersKeyless: 1,
      apartmentLocksInstalled: 2,
    });
  });

  it('a lock installed after the day asked about is neither installed nor in use then', () => {
    const { rows } = countRollout(facts, '2026-04-30');
    expect(rows[0]).toMatchObject({
      apartmentLocksInstalled: 0,
      apartmentLocksInUse: 0,
      customersKeyless: 0,
    });
  });

  it('charts month ends of the twelve months before asOf, then asOf', () => {
    const days = listChartDays('2026-12-01');
    expect(days[0]).toBe('2025-12-31');
    expect(days[2]).toBe('2026-02-28');
    expect(days.at(-2)).toBe('2026-11-30');
    expect(days.at(-1)).toBe('2026-12-01');
    const history = countRolloutHistory(facts, ['2026-04-30', '2026-05-31', '2026-12-01']);
    expect(history).toEqual([
      { day: '2026-04-30', locksInstalled: 1, locksInUse: 1, customersKeyless: 0 },
      { day: '2026-05-31', locksInstalled: 2, locksInUse: 2, customersKeyless: 1 },
      { day: '2026-12-01', locksInstalled: 3, locksInUse: 2, customersKeyless: 1 },
    ]);
  });
});

describe('judgeAsOf', () => {
  it('takes a real day up to today, today when left out, and nothing else', () => {
    expect(judgeAsOf(undefined, '2026-12-01')).toBe('2026-12-01');
    expect(judgeAsOf('2026-11-30', '2026-12-01')).toBe('2026-11-30');
    expect(judgeAsOf('2026-12-02', '2026-12-01')).toBeNull();
    expect(judgeAsOf('2026-02-30', '2026-12-01')).toBeNull();
    expect(judgeAsOf('30.11.2026', '2026-12-01')).toBeNull();
    expect(findLocalDay(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
  });
});
