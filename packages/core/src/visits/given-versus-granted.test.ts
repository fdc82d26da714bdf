import { describe, expect, it } from 'vitest';
import {
  attributeGrantedTime,
  compareGivenWithGranted,
  sortByShortfall,
  type GrantedTimeClaim,
} from './given-versus-granted';

describe('given against granted', () => {
  it('gives the difference and the share of granted, and nothing to compare without a decision', () => {
    expect(compareGivenWithGranted({ givenMinutes: 450, grantedMinutes: 600 })).toEqual({
      differenceMinutes: -150,
      givenPercent: 75,
    });
    expect(compareGivenWithGranted({ givenMinutes: 70, grantedMinutes: 60 })).toEqual({
      differenceMinutes: 10,
      givenPercent: 117,
    });
    expect(compareGivenWithGranted({ givenMinutes: 30, grantedMinutes: 0 })).toEqual({
      differenceMinutes: 30,
      givenPercent: null,
    });
    expect(compareGivenWithGranted({ givenMinutes: 30, grantedMinutes: null })).toEqual({
      differenceMinutes: null,
      givenPercent: null,
    });
  });

  it('puts the largest shortfall first and rows without a decision last', () => {
    const row = (name: string, givenMinutes: number, grantedMinutes: number | null) => ({
      name,
      givenMinutes,
      grantedMinutes,
      ...compareGivenWithGranted({ givenMinutes, grantedMinutes }),
    });
    const sorted = sortByShortfall(
      [
        row('over', 70, 60),
        row('none-small', 10, null),
        row('short-100', 500, 600),
        row('short-150-of-600', 450, 600),
        row('none-big', 90, null),
        row('short-150-of-200', 50, 200),
        row('exact-b', 60, 60),
        row('exact-a', 60, 60),
      ],
      (a, b) => a.name.localeCompare(b.name),
    );
    expect(sorted.map((r) => r.name)).toEqual([
      'short-150-of-200',
      'short-150-of-600',
      'short-100',
      'exact-a',
      'exact-b',
      'over',
      'none-big',
      'none-small',
    ]);
  });
});

describe('whose run a granted service is in', () => {
  const claim = (overrides: Partial<GrantedTimeClaim>): GrantedTimeClaim => ({
    customerId: 'c1',
    service: 'cleaning',
    grantedMinutes: 60,
    providerId: 'A',
    isHomeCare: true,
    servesSince: '2026-01-01',
    plannedMinutes: 0,
    givenMinutes: 0,
    ...overrides,
  });
  const owners = (claims: GrantedTimeClaim[]) =>
    [...attributeGrantedTime(claims)].map(([provider, granted]) => [provider, [...granted]]);

  it('puts a customer’s only provider’s services in its run, given or not', () => {
    expect(owners([claim({}), claim({ service: 'meals', grantedMinutes: 300 })])).toEqual([
      [
        'A',
        [
          ['c1 cleaning', 60],
          ['c1 meals', 300],
        ],
      ],
    ]);
  });

  it('gives a shared customer’s service to the provider that planned it, else gave it, never to both', () => {
    // B cleans, A gives the personal care: each decision is in one run.
    expect(
      owners([
        claim({ providerId: 'A' }),
        claim({ providerId: 'B', givenMinutes: 60 }),
        claim({ providerId: 'A', service: 'personal_care', grantedMinutes: 100, givenMinutes: 80 }),
        claim({ providerId: 'B', service: 'personal_care', grantedMinutes: 100 }),
      ]),
    ).toEqual([
      ['B', [['c1 cleaning', 60]]],
      ['A', [['c1 personal_care', 100]]],
    ]);
    // The plan decides over what was given: A was to clean and did not, B stepped in once.
    expect(
      owners([claim({ providerId: 'A', plannedMinutes: 240 }), claim({ providerId: 'B', givenMinutes: 30 })]),
    ).toEqual([['A', [['c1 cleaning', 60]]]]);
    // The larger plan decides between two that planned it.
    expect(
      owners([
        claim({ providerId: 'A', plannedMinutes: 60, givenMinutes: 60 }),
        claim({ providerId: 'B', plannedMinutes: 180 }),
      ]),
    ).toEqual([['B', [['c1 cleaning', 60]]]]);
  });

  it('gives a service nobody planned or gave to the home-care provider that has served longest', () => {
    expect(
      owners([
        claim({ providerId: 'alarm', isHomeCare: false, servesSince: '2025-01-01' }),
        claim({ providerId: 'B', servesSince: '2026-02-01' }),
        claim({ providerId: 'A', servesSince: '2026-01-01' }),
      ]),
    ).toEqual([['A', [['c1 cleaning', 60]]]]);
    expect(owners([claim({ providerId: 'B' }), claim({ providerId: 'A' })])).toEqual([
      ['A', [['c1 cleaning', 60]]],
    ]);
  });
});
