import { describe, expect, it } from 'vitest';
import {
  checkPlanDecision,
  findPlanInForce,
  judgePlanStatus,
  type DeviationPlanFacts,
} from './deviation-plan-rules';

const plan = (id: string, facts: Partial<DeviationPlanFacts>): DeviationPlanFacts => ({
  id,
  providerId: 'p1',
  validFrom: '2027-01-01',
  approvedOn: null,
  rejectedOn: null,
  recordedAt: new Date('2026-12-01T10:00:00Z'),
  ...facts,
});

describe('the deviation plan in force', () => {
  const first = plan('first', { validFrom: '2027-01-01', approvedOn: '2026-12-15' });
  const second = plan('second', { validFrom: '2027-03-01', approvedOn: '2027-02-10' });
  const pending = plan('pending', { validFrom: '2027-02-01' });
  const rejected = plan('rejected', { validFrom: '2027-02-15', rejectedOn: '2027-02-16' });
  const plans = [first, second, pending, rejected];

  it('is none before any approved plan’s first day', () => {
    expect(findPlanInForce(plans, 'p1', '2026-12-31')).toBeUndefined();
  });

  it('is the approved plan with the latest first day that has come; pending and rejected never count', () => {
    expect(findPlanInForce(plans, 'p1', '2027-01-01')?.id).toBe('first');
    expect(findPlanInForce(plans, 'p1', '2027-02-20')?.id).toBe('first');
    expect(findPlanInForce(plans, 'p1', '2027-03-01')?.id).toBe('second');
  });

  it('counts a plan only from the day it was approved', () => {
    const late = plan('late', { validFrom: '2027-01-01', approvedOn: '2027-01-20' });
    expect(findPlanInForce([late], 'p1', '2027-01-10')).toBeUndefined();
    expect(findPlanInForce([late], 'p1', '2027-01-20')?.id).toBe('late');
  });

  it('takes the later recorded of two plans with the same first day, and only the provider’s own', () => {
    const again = plan('again', {
      validFrom: '2027-01-01',
      approvedOn: '2026-12-20',
      recordedAt: new Date('2026-12-18T10:00:00Z'),
    });
    expect(findPlanInForce([first, again], 'p1', '2027-01-05')?.id).toBe('again');
    expect(findPlanInForce([first, again], 'p2', '2027-01-05')).toBeUndefined();
  });

  it('gives each plan its status on a day: superseded plans stay on record', () => {
    const statuses = (day: string) => plans.map((p) => judgePlanStatus(p, plans, day));
    expect(statuses('2027-02-20')).toEqual(['in_force', 'approved', 'pending', 'rejected']);
    expect(statuses('2027-03-01')).toEqual(['superseded', 'in_force', 'pending', 'rejected']);
  });

  it('is decided once, and a rejection says why', () => {
    expect(checkPlanDecision(pending, 'approved', null)).toBeNull();
    expect(checkPlanDecision(pending, 'rejected', '  ')?.code).toBe('reason_required');
    expect(checkPlanDecision(pending, 'rejected', 'Saknar rutin för natten')).toBeNull();
    expect(checkPlanDecision(first, 'approved', null)?.code).toBe('plan_already_decided');
    expect(checkPlanDecision(rejected, 'approved', null)?.code).toBe('plan_already_decided');
  });
});
