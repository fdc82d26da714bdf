import { describe, expect, it } from 'vitest';
import { checkDayEndTimes, checkServiceRemoval } from './day-end-rules';

const today = '2026-03-10';
const codes = (violations: Array<{ field: string; code: string }>) =>
  violations.map((violation) => `${violation.field} ${violation.code}`);

describe('an employment’s or a service’s end', () => {
  it('may be set today or later, and moved or removed before it has passed', () => {
    const open = { employmentEndsOn: null };
    expect(checkDayEndTimes('staff_member', open, { employmentEndsOn: today }, today)).toEqual([]);
    expect(checkDayEndTimes('customer_service', { endsOn: today }, { endsOn: '2026-04-01' }, today)).toEqual(
      [],
    );
    expect(checkDayEndTimes('customer_service', { endsOn: today }, { endsOn: null }, today)).toEqual([]);
  });

  it('may not be set on a day already past', () => {
    expect(
      codes(
        checkDayEndTimes(
          'staff_member',
          { employmentEndsOn: null },
          { employmentEndsOn: '2026-03-09' },
          today,
        ),
      ),
    ).toEqual(['employmentEndsOn ends_in_the_past']);
    expect(
      codes(checkDayEndTimes('customer_service', { endsOn: null }, { endsOn: '2026-02-01' }, today)),
    ).toEqual(['endsOn ends_in_the_past']);
  });

  it('once passed stays: neither moved nor removed; unchanged it is not judged again', () => {
    const ended = { endsOn: '2026-03-09' };
    expect(codes(checkDayEndTimes('customer_service', ended, { endsOn: null }, today))).toEqual([
      'endsOn already_ended',
    ]);
    expect(codes(checkDayEndTimes('customer_service', ended, { endsOn: '2026-03-20' }, today))).toEqual([
      'endsOn already_ended',
    ]);
    expect(checkDayEndTimes('customer_service', ended, { ...ended, providerId: 'p' }, today)).toEqual([]);
  });

  it('is not judged on a new record, nor for other resources', () => {
    expect(checkDayEndTimes('customer_service', undefined, { endsOn: '2026-01-31' }, today)).toEqual([]);
    expect(checkDayEndTimes('team_customer', { endsOn: null }, { endsOn: '2026-01-31' }, today)).toEqual([]);
  });
});

describe('deleting a customer’s service', () => {
  const service = (startsOn: string, endsOn: string | null = null) => ({
    service: 'home_care',
    startsOn,
    endsOn,
  });

  it('is refused once its first day has passed, ended or not: it is ended instead', () => {
    for (const row of [service('2026-01-01'), service('2026-03-09'), service('2026-01-01', '2026-02-28')]) {
      const [refusal, ...rest] = checkServiceRemoval('customer_service', row, today);
      expect(rest).toEqual([]);
      expect(refusal).toMatchObject({ field: 'startsOn', code: 'already_started' });
      expect(refusal?.message).toContain('home_care');
      expect(refusal?.message).toContain(row.startsOn);
      expect(refusal?.message).toMatch(/end it instead/);
    }
  });

  it('is allowed when it starts today or later: a mistake made today can be undone', () => {
    expect(checkServiceRemoval('customer_service', service(today), today)).toEqual([]);
    expect(checkServiceRemoval('customer_service', service('2026-04-01'), today)).toEqual([]);
  });

  it('is not judged for other resources', () => {
    expect(checkServiceRemoval('team_customer', service('2026-01-01'), today)).toEqual([]);
  });
});
