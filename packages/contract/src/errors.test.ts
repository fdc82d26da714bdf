import { describe, expect, it } from 'vitest';
import { errorCodes, isErrorCode } from './errors';

describe('error codes', () => {
  it('lists each code once, in snake_case', () => {
    expect(new Set(errorCodes).size).toBe(errorCodes.length);
    for (const code of errorCodes) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it('tells a listed code from any other text', () => {
    expect(isErrorCode('weak_password')).toBe(true);
    expect(isErrorCode('validation_failed')).toBe(true);
    expect(isErrorCode('Weak_Password')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
  });
});
