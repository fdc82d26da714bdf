import { describe, expect, it } from 'vitest';
import { checkMembershipWithinEmployment } from './permission-fact-rules';

const codes = (violations: Array<{ code: string; field: string }>) =>
  violations.map((violation) => `${violation.field}:${violation.code}`);

describe('a membership and the staff member’s employment', () => {
  const staff = { employmentStartsOn: '2025-06-30', employmentEndsOn: '2026-12-31' };

  it('refuses one that ends before the employment starts', () => {
    const early = { validFrom: '2019-01-01T00:00:00Z', validUntil: '2019-02-01T00:00:00Z' };
    expect(codes(checkMembershipWithinEmployment(early, staff))).toEqual(['validUntil:outside_employment']);
    // Ending at the first day's midnight (local) shares no day with it either.
    const untilFirstDay = { validFrom: '2025-06-01T08:00:00Z', validUntil: '2025-06-29T22:00:00Z' };
    expect(checkMembershipWithinEmployment(untilFirstDay, staff)).toHaveLength(1);
  });

  it('refuses one that starts after the employment ended', () => {
    const late = { validFrom: '2027-01-01T00:00:00+01:00', validUntil: null };
    expect(codes(checkMembershipWithinEmployment(late, staff))).toEqual(['validFrom:outside_employment']);
  });

  it('allows one that shares a day with it, a new hire’s added in advance and an open-ended one', () => {
    expect(
      checkMembershipWithinEmployment({ validFrom: '2026-12-06T09:00:00Z', validUntil: null }, staff),
    ).toEqual([]);
    const inAdvance = { validFrom: '2025-06-01T08:00:00Z', validUntil: null };
    expect(checkMembershipWithinEmployment(inAdvance, staff)).toEqual([]);
    const lastDay = { validFrom: '2026-12-31T07:00:00Z', validUntil: '2027-01-31T07:00:00Z' };
    expect(checkMembershipWithinEmployment(lastDay, staff)).toEqual([]);
    expect(
      checkMembershipWithinEmployment(lastDay, { employmentStartsOn: '2025-06-30', employmentEndsOn: null }),
    ).toEqual([]);
  });
});
