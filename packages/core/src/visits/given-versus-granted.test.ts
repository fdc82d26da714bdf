import { describe, expect, it } from 'vitest';
import { compareGivenWithGranted, sortByShortfall } from './given-versus-granted';

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
