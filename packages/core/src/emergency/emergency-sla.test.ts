import { describe, expect, it } from 'vitest';
import {
  findStockholmDayStart,
  buildSlaReport,
  judgeSlaOutcome,
  percentile,
  stockholmMonth,
  type SlaAssignment,
} from './emergency-sla';

const minute = 60_000;
function assignment(
  reference: string,
  company: 'A' | 'B',
  assignedAt: string,
  onSiteAfterMinutes: number | null,
  closedAfterMinutes: number | null = null,
): SlaAssignment {
  const assigned = new Date(assignedAt);
  return {
    emergencyId: `id-${reference}`,
    reference,
    locksmithCompanyId: `company-${company}`,
    locksmithCompanyName: company === 'A' ? 'Akut Lås' : 'Bygg & Lås',
    assignedAt: assigned,
    dueAt: new Date(assigned.getTime() + 60 * minute),
    onSiteAt: onSiteAfterMinutes === null ? null : new Date(assigned.getTime() + onSiteAfterMinutes * minute),
    closedAt: closedAfterMinutes === null ? null : new Date(assigned.getTime() + closedAfterMinutes * minute),
  };
}

describe('percentile', () => {
  it('interpolates between the closest ranks', () => {
    expect(percentile([10, 20], 50)).toBe(15);
    expect(percentile([30, 10, 20], 50)).toBe(20);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1);
    expect(percentile([42], 90)).toBe(42);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('stockholmMonth', () => {
  it('counts an assignment by the Stockholm month, not the UTC one', () => {
    // 23:30 UTC on 31 January is 00:30 on 1 February in Stockholm.
    expect(stockholmMonth(new Date('2027-01-31T23:30:00Z'))).toBe('2027-02');
    expect(stockholmMonth(new Date('2027-01-31T22:30:00Z'))).toBe('2027-01');
    // Summer time: 22:30 UTC on 31 July is 00:30 on 1 August.
    expect(stockholmMonth(new Date('2027-07-31T22:30:00Z'))).toBe('2027-08');
  });
});

describe('judgeSlaOutcome', () => {
  const now = new Date('2027-02-10T12:00:00Z');
  it('is on time at exactly the deadline and breached a second after', () => {
    const exact = assignment('X', 'A', '2027-02-10T10:00:00Z', 60);
    expect(judgeSlaOutcome(exact, now)).toBe('on_time');
    const late = { ...exact, onSiteAt: new Date(exact.dueAt.getTime() + 1000) };
    expect(judgeSlaOutcome(late, now)).toBe('breached');
  });
  it('counts a locksmith not yet there as pending before the deadline and breached after it', () => {
    expect(judgeSlaOutcome(assignment('P', 'A', '2027-02-10T11:30:00Z', null), now)).toBe('pending');
    expect(judgeSlaOutcome(assignment('W', 'A', '2027-02-10T10:30:00Z', null), now)).toBe('breached');
  });
  it('does not hold an emergency closed before the deadline against a locksmith who never came', () => {
    // Closed 0.2 seconds after the assignment (staff got in with the backup key): long past due now.
    const cancelled = assignment('C', 'A', '2027-02-10T10:00:00Z', null, 0.2 / 60);
    expect(judgeSlaOutcome(cancelled, now)).toBe('closed_before_arrival');
    // Closed at exactly the deadline: the locksmith still had until then.
    expect(judgeSlaOutcome(assignment('D', 'A', '2027-02-10T10:00:00Z', null, 60), now)).toBe(
      'closed_before_arrival',
    );
    // Closed after the deadline without the locksmith: staff waited past it, a breach.
    expect(judgeSlaOutcome(assignment('L', 'A', '2027-02-10T10:00:00Z', null, 75), now)).toBe('breached');
    // On site in time, then closed: on time.
    expect(judgeSlaOutcome(assignment('O', 'A', '2027-02-10T10:00:00Z', 30, 45), now)).toBe('on_time');
  });
});

describe('buildSlaReport with closed emergencies the locksmith never reached', () => {
  const assignments = [
    assignment('K1', 'A', '2027-02-10T10:00:00Z', 30, 50),
    // Closed 0.2 seconds after the assignment, the locksmith cancelled.
    assignment('K2', 'A', '2027-02-10T11:00:00Z', null, 0.2 / 60),
    // Closed 20 minutes in, deadline not yet passed at `later` either way.
    assignment('K3', 'A', '2027-02-10T11:30:00Z', null, 20),
    // Closed 90 minutes in without the locksmith: a breach of 90 minutes, not still waiting.
    assignment('K4', 'A', '2027-02-10T12:00:00Z', null, 90),
  ];
  const soon = new Date('2027-02-10T14:00:00Z');
  const later = new Date('2027-02-20T14:00:00Z');

  it('counts them apart, neither on time, breached nor pending, and outside the share', () => {
    for (const now of [soon, later])
      expect(buildSlaReport(assignments, now).total).toMatchObject({
        count: 4,
        onTime: 1,
        breached: 1,
        pending: 0,
        closedBeforeArrival: 2,
        shareWithin: 0.5,
        medianMinutes: 30,
      });
  });

  it('lists a breach closed without the locksmith up to its closing, the same minutes on every call', () => {
    for (const now of [soon, later])
      expect(
        buildSlaReport(assignments, now).breaches.map((breach) => [
          breach.reference,
          breach.minutes,
          breach.isStillWaiting,
          breach.closedAt?.toISOString(),
        ]),
      ).toEqual([['K4', 90, false, '2027-02-10T13:30:00.000Z']]);
  });
});

describe('buildSlaReport', () => {
  const now = new Date('2027-03-01T12:00:00Z');
  const report = buildSlaReport(
    [
      assignment('A1', 'A', '2027-01-05T02:00:00Z', 20),
      assignment('A2', 'A', '2027-01-12T03:00:00Z', 40),
      assignment('A3', 'A', '2027-01-20T22:00:00Z', 75),
      assignment('B1', 'B', '2027-01-21T01:00:00Z', 55),
      // Assigned 23:30 UTC on 31 January: February in Stockholm; never arrived.
      assignment('B2', 'B', '2027-01-31T23:30:00Z', null),
      // Not yet due at `now`.
      assignment('A4', 'A', '2027-03-01T11:30:00Z', null),
    ],
    now,
  );

  it('groups by Stockholm month and company with share, median and 90th percentile', () => {
    expect(report.groups.map((group) => [group.month, group.locksmithCompanyName])).toEqual([
      ['2027-01', 'Akut Lås'],
      ['2027-01', 'Bygg & Lås'],
      ['2027-02', 'Bygg & Lås'],
      ['2027-03', 'Akut Lås'],
    ]);
    expect(report.groups[0]).toMatchObject({
      count: 3,
      onTime: 2,
      breached: 1,
      pending: 0,
      shareWithin: 2 / 3,
      medianMinutes: 40,
      p90Minutes: 68,
    });
    expect(report.groups[2]).toMatchObject({ count: 1, breached: 1, shareWithin: 0, medianMinutes: null });
    expect(report.groups[3]).toMatchObject({ count: 1, pending: 1, shareWithin: null });
  });

  it('sums each month over the companies and the whole period', () => {
    expect(report.months.map((month) => [month.month, month.count, month.onTime, month.breached])).toEqual([
      ['2027-01', 4, 3, 1],
      ['2027-02', 1, 0, 1],
      ['2027-03', 1, 0, 0],
    ]);
    expect(report.total).toMatchObject({ count: 6, onTime: 3, breached: 2, pending: 1, shareWithin: 0.6 });
  });

  it('lists every breach with its minutes, still waiting ones up to now', () => {
    expect(
      report.breaches.map((breach) => [
        breach.reference,
        breach.month,
        breach.minutes,
        breach.isStillWaiting,
      ]),
    ).toEqual([
      ['A3', '2027-01', 75, false],
      // 31 January 23:30 to 1 March 12:00 (UTC): 28 days, 12 hours and 30 minutes.
      ['B2', '2027-02', 28 * 24 * 60 + 12 * 60 + 30, true],
    ]);
  });
});

describe('findStockholmDayStart', () => {
  it('is local midnight in winter and in summer', () => {
    expect(findStockholmDayStart('2027-01-15')).toEqual(new Date('2027-01-14T23:00:00Z'));
    expect(findStockholmDayStart('2027-07-01')).toEqual(new Date('2027-06-30T22:00:00Z'));
  });
});
