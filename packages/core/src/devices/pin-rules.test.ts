import { describe, expect, it } from 'vitest';
import {
  isResetCodeBurnt,
  judgeCountedPin,
  judgePinBeforeCounting,
  maxPinFailures,
  maxResetCodeFailures,
} from './pin-rules';

describe('PIN rules', () => {
  it('refuses a key without a PIN, and a locked PIN, before counting anything', () => {
    expect(judgePinBeforeCounting({ hasVerifier: false, isLocked: false, failures: 0 })).toBe('no-pin');
    expect(judgePinBeforeCounting({ hasVerifier: true, isLocked: true, failures: 0 })).toBe('locked');
    expect(judgePinBeforeCounting({ hasVerifier: true, isLocked: false, failures: maxPinFailures })).toBe(
      'locked',
    );
    expect(judgePinBeforeCounting({ hasVerifier: true, isLocked: false, failures: maxPinFailures - 1 })).toBe(
      undefined,
    );
  });

  it('locks on the wrong PIN that reaches the limit, not before', () => {
    expect(judgeCountedPin(true, 0)).toBe('ok');
    expect(judgeCountedPin(false, maxPinFailures - 1)).toBe('wrong');
    expect(judgeCountedPin(false, maxPinFailures)).toBe('locked');
  });

  it('burns a reset code on its third wrong try', () => {
    expect(isResetCodeBurnt(maxResetCodeFailures - 1)).toBe(false);
    expect(isResetCodeBurnt(maxResetCodeFailures)).toBe(true);
  });
});
