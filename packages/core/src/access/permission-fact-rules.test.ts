import { describe, expect, it } from 'vitest';
import { findEntity, systemValuesOnCreate } from '../registry/index';
import {
  checkGrantWithinEmployment,
  checkMembershipWithinEmployment,
  checkPermissionFactRemoval,
  checkPermissionFactTimes,
  findEmploymentEnd,
} from './permission-fact-rules';

// 10:00:30 in Stockholm on 6 December.
const now = new Date('2026-12-06T09:00:30Z');
const codes = (violations: Array<{ code: string; field: string }>) =>
  violations.map((violation) => `${violation.field}:${violation.code}`);

describe('when a grant may start', () => {
  const grant = (validFrom: string) => ({ validFrom, validUntil: '2026-12-06T16:00:00Z' });

  it('refuses a new grant that starts in the past, beyond a minute’s grace', () => {
    expect(
      codes(checkPermissionFactTimes('access_grant', undefined, grant('2026-12-01T07:00:00Z'), now)),
    ).toEqual(['validFrom:starts_in_the_past']);
    expect(
      checkPermissionFactTimes('access_grant', undefined, grant('2026-12-06T08:59:29Z'), now),
    ).toHaveLength(1);
    expect(checkPermissionFactTimes('access_grant', undefined, grant('2026-12-06T08:59:31Z'), now)).toEqual(
      [],
    );
    expect(checkPermissionFactTimes('access_grant', undefined, grant('2026-12-07T08:00:00Z'), now)).toEqual(
      [],
    );
  });

  it('lets a grant start "now" as the console sends it: the server stamps the start of the minute', () => {
    const entity = findEntity('access_grant');
    const lateInMinute = new Date('2026-12-06T09:00:59.999Z');
    const stamped = systemValuesOnCreate(entity, { actorLabel: 'lead', now: lateInMinute });
    expect(checkPermissionFactTimes('access_grant', undefined, { ...stamped }, lateInMinute)).toEqual([]);
  });

  it('judges a start only when it is new or moved, so a grant that began earlier can be shortened', () => {
    const before = { ...grant('2026-12-01T07:00:00.000Z'), reason: 'Vikarie' };
    const shortened = { ...before, validFrom: '2026-12-01T07:00:00Z', validUntil: '2026-12-06T12:00:00Z' };
    expect(checkPermissionFactTimes('access_grant', before, shortened, now)).toEqual([]);
    const movedBack = { ...before, validFrom: '2026-11-30T07:00:00Z' };
    expect(codes(checkPermissionFactTimes('access_grant', before, movedBack, now))).toEqual([
      'validFrom:already_started',
    ]);
    const upcoming = grant('2026-12-07T07:00:00.000Z');
    expect(
      codes(
        checkPermissionFactTimes(
          'access_grant',
          upcoming,
          { ...upcoming, validFrom: '2026-12-05T07:00:00Z' },
          now,
        ),
      ),
    ).toEqual(['validFrom:starts_in_the_past']);
    expect(
      checkPermissionFactTimes(
        'access_grant',
        upcoming,
        { ...upcoming, validFrom: '2026-12-08T07:00:00Z' },
        now,
      ),
    ).toEqual([]);
  });

  it('leaves other permission facts alone', () => {
    expect(checkPermissionFactTimes('team_customer', undefined, grant('2021-05-26T06:00:00Z'), now)).toEqual(
      [],
    );
  });
});

describe('when a membership may start', () => {
  const membership = (validFrom: string) => ({ validFrom, validUntil: null });

  it('refuses a start on a day before today (local), and allows one earlier today', () => {
    expect(
      codes(checkPermissionFactTimes('team_membership', undefined, membership('2026-12-05T22:59:00Z'), now)),
    ).toEqual(['validFrom:starts_in_the_past']);
    // 00:00 in Stockholm is 23:00 UTC the day before.
    expect(
      checkPermissionFactTimes('team_membership', undefined, membership('2026-12-05T23:00:00Z'), now),
    ).toEqual([]);
    expect(
      checkPermissionFactTimes('team_membership', undefined, membership('2019-01-01T00:00:00Z'), now),
    ).toHaveLength(1);
  });

  it('lets an ongoing membership be ended', () => {
    const before = { validFrom: '2026-01-01T07:00:00.000Z', validUntil: null };
    const ended = { ...before, validUntil: now.toISOString() };
    expect(checkPermissionFactTimes('team_membership', before, ended, now)).toEqual([]);
  });
});

describe('a grant or membership that has begun or ended', () => {
  const begun = { validFrom: '2026-12-01T07:00:00.000Z', validUntil: '2026-12-06T16:00:00.000Z' };

  it('keeps its start, also when moved later, which would erase the time it applied', () => {
    for (const resource of ['access_grant', 'team_membership'] as const) {
      expect(
        codes(
          checkPermissionFactTimes(resource, begun, { ...begun, validFrom: '2026-12-06T12:00:00Z' }, now),
        ),
      ).toEqual(['validFrom:already_started']);
    }
  });

  it('keeps its end once it has ended, also against an end removed', () => {
    const ended = { validFrom: '2026-12-01T07:00:00.000Z', validUntil: '2026-12-05T16:00:00.000Z' };
    for (const validUntil of ['2026-12-08T16:00:00Z', null, '2026-12-04T16:00:00Z']) {
      expect(codes(checkPermissionFactTimes('access_grant', ended, { ...ended, validUntil }, now))).toEqual([
        'validUntil:already_ended',
      ]);
    }
    expect(
      checkPermissionFactTimes('access_grant', ended, { ...ended, validUntil: '2026-12-05T16:00:00Z' }, now),
    ).toEqual([]);
  });

  it('is deleted only before it begins', () => {
    expect(codes(checkPermissionFactRemoval('team_membership', begun, now))).toEqual([
      'validFrom:already_started',
    ]);
    expect(
      checkPermissionFactRemoval('access_grant', { ...begun, validFrom: '2026-12-06T10:00:00Z' }, now),
    ).toEqual([]);
    expect(checkPermissionFactRemoval('team_customer', begun, now)).toEqual([]);
  });
});

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

describe('an individual grant and the employment’s last day', () => {
  const staff = { employmentStartsOn: '2026-01-01', employmentEndsOn: '2026-05-31' };
  const grant = (validFrom: string, validUntil: string) => ({ validFrom, validUntil });

  it('may end at any time of the last day (local), or at the midnight that ends it', () => {
    expect(checkGrantWithinEmployment(grant('2026-05-20T10:00:00Z', '2026-05-31T21:59:00Z'), staff)).toEqual(
      [],
    );
    expect(checkGrantWithinEmployment(grant('2026-05-20T10:00:00Z', '2026-05-31T22:00:00Z'), staff)).toEqual(
      [],
    );
    expect(checkGrantWithinEmployment(grant('2026-05-20T10:00:00Z', '2026-06-30T10:00:00Z'), {})).toEqual([]);
  });

  it('may not reach past it, nor start after it', () => {
    expect(
      codes(checkGrantWithinEmployment(grant('2026-05-20T10:00:00Z', '2026-05-31T22:01:00Z'), staff)),
    ).toEqual(['validUntil:outside_employment']);
    expect(
      codes(checkGrantWithinEmployment(grant('2026-05-31T22:00:00Z', '2026-06-02T10:00:00Z'), staff)),
    ).toEqual(['validFrom:outside_employment']);
  });
});

describe('the end of an employment', () => {
  it('is the midnight that ends the last day in the municipality’s zone, summer or winter', () => {
    expect(findEmploymentEnd('2026-06-30').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(findEmploymentEnd('2026-12-31').toISOString()).toBe('2026-12-31T23:00:00.000Z');
    // The last day of March 2026 ends after the clocks went forward.
    expect(findEmploymentEnd('2026-03-31', 'Europe/Stockholm').toISOString()).toBe(
      '2026-03-31T22:00:00.000Z',
    );
  });
});
