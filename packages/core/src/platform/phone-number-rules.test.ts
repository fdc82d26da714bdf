import { describe, expect, it } from 'vitest';
import { isPhoneNumber, phoneNumberPattern } from './phone-number-rules';

describe('isPhoneNumber', () => {
  it.each([
    '070-123 45 67',
    '08-555 123 00',
    '0570-12 34 56',
    '+46 70 123 45 67',
    '+46 (0)8-123 45 67',
    '(08) 123 456',
    '112233',
    '+12345678901234567890',
    ' 070-123 45 67 ',
  ])('accepts %j', (text) => {
    expect(isPhoneNumber(text)).toBe(true);
  });

  it.each([
    'abc',
    '',
    '   ',
    '+',
    '070',
    '08-999',
    '070-123 45 67 ankn. 12',
    '070.123.45.67',
    '070/123 45 67',
    '46+70 123 45 67',
    '++46 70 123 45 67',
    '123456789012345678901',
    '070\u00a0123 45 67',
  ])('refuses %j', (text) => {
    expect(isPhoneNumber(text)).toBe(false);
  });

  it('is the same rule as the pattern the schemas carry (JSON Schema patterns are not anchored for you)', () => {
    expect(phoneNumberPattern.startsWith('^')).toBe(true);
    expect(phoneNumberPattern.endsWith('$')).toBe(true);
    expect(new RegExp(phoneNumberPattern).test('abc')).toBe(false);
  });
});
