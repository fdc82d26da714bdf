import { describe, expect, it } from 'vitest';
import {
  decideSlotState,
  isAuthorisationLapsed,
  isKeyOverdue,
  isReasonTextRequired,
} from './key-cabinet-rules';

const at = (minutes: number) => new Date(Date.UTC(2027, 2, 1, 8, minutes));

describe('key cabinet rules', () => {
  it('lapses an unused authorisation after 15 minutes, never a used one', () => {
    expect(isAuthorisationLapsed({ authorisedAt: at(0), takenAt: null }, at(15))).toBe(false);
    expect(isAuthorisationLapsed({ authorisedAt: at(0), takenAt: null }, at(16))).toBe(true);
    expect(isAuthorisationLapsed({ authorisedAt: at(0), takenAt: at(1) }, at(59))).toBe(false);
  });

  it('flags a key out longer than the limit, and never one returned or not taken', () => {
    expect(isKeyOverdue({ takenAt: at(0), returnedAt: null }, at(240), 240)).toBe(false);
    expect(isKeyOverdue({ takenAt: at(0), returnedAt: null }, at(241), 240)).toBe(true);
    expect(isKeyOverdue({ takenAt: at(0), returnedAt: at(300) }, at(400), 240)).toBe(false);
    expect(isKeyOverdue({ takenAt: null, returnedAt: null }, at(400), 240)).toBe(false);
  });

  it('names slot states and asks words only for other', () => {
    expect(decideSlotState(false, undefined)).toBe('empty');
    expect(decideSlotState(true, undefined)).toBe('in');
    expect(decideSlotState(true, { takenAt: null })).toBe('authorised');
    expect(decideSlotState(true, { takenAt: at(0) })).toBe('out');
    expect(isReasonTextRequired('other')).toBe(true);
    expect(isReasonTextRequired('lock_fault')).toBe(false);
  });
});
