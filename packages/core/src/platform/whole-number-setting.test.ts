import { describe, expect, it } from 'vitest';
import { readWholeNumberSetting } from './whole-number-setting';

describe('readWholeNumberSetting', () => {
  it('takes a whole number of at least 1 by default', () => {
    expect(readWholeNumberSetting(30, 14)).toBe(30);
    expect(readWholeNumberSetting(1, 14)).toBe(1);
  });

  it('falls back for a missing, malformed or out-of-range value', () => {
    for (const value of [undefined, null, '30', 0, -3, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(readWholeNumberSetting(value, 14)).toBe(14);
    }
  });

  it('keeps to the range it is given', () => {
    expect(readWholeNumberSetting(5, 20, { min: 5, max: 60 })).toBe(5);
    expect(readWholeNumberSetting(60, 20, { min: 5, max: 60 })).toBe(60);
    expect(readWholeNumberSetting(4, 20, { min: 5, max: 60 })).toBe(20);
    expect(readWholeNumberSetting(61, 14, { max: 60 })).toBe(14);
  });
});
