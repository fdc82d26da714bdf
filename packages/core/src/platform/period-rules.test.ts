import { describe, expect, it } from 'vitest';
import { judgePeriodOrder } from './period-rules';

describe('judgePeriodOrder', () => {
  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

  it('accepts a period that starts before it ends, or leaves an end out', () => {
    expect(judgePeriodOrder(day('2026-03-01'), day('2026-03-02'))).toBeNull();
    expect(judgePeriodOrder(day('2026-03-02'), undefined)).toBeNull();
    expect(judgePeriodOrder(undefined, day('2026-03-01'))).toBeNull();
    expect(judgePeriodOrder(undefined, undefined)).toBeNull();
  });

  it('refuses a reversed or empty period with invalid_range', () => {
    expect(judgePeriodOrder(day('2026-03-02'), day('2026-03-01'))?.code).toBe('invalid_range');
    expect(judgePeriodOrder(day('2026-03-01'), day('2026-03-01'))?.code).toBe('invalid_range');
  });
});
