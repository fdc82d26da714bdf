import { describe, expect, it } from 'vitest';
import {
  emergencyDueAt,
  flagEmergencyDeadline,
  followUpWorkOrderKind,
  judgeEmergencyStep,
  type EmergencyState,
} from './emergency-rules';

const at = (iso: string) => new Date(iso);
const reported: EmergencyState = {
  assignedAt: null,
  dueAt: null,
  onSiteAt: null,
  doorOpenedAt: null,
  closedAt: null,
};
const assigned: EmergencyState = {
  ...reported,
  assignedAt: at('2027-02-06T02:10:00Z'),
  dueAt: emergencyDueAt(at('2027-02-06T02:10:00Z'), 60),
};

describe('judgeEmergencyStep', () => {
  it('assigns once, then the locksmith arrives, then the door is opened', () => {
    expect(judgeEmergencyStep(reported, 'assign')).toBeNull();
    expect(judgeEmergencyStep(reported, 'arrive')).toBe('emergency_not_assigned');
    expect(judgeEmergencyStep(assigned, 'assign')).toBe('emergency_already_assigned');
    expect(judgeEmergencyStep(assigned, 'door_opened')).toBe('emergency_not_on_site');
    expect(judgeEmergencyStep(reported, 'door_opened')).toBe('emergency_not_assigned');
    const onSite = { ...assigned, onSiteAt: at('2027-02-06T02:50:00Z') };
    expect(judgeEmergencyStep(assigned, 'arrive')).toBeNull();
    expect(judgeEmergencyStep(onSite, 'arrive')).toBe('emergency_already_on_site');
    expect(judgeEmergencyStep(onSite, 'door_opened')).toBeNull();
    expect(judgeEmergencyStep({ ...onSite, doorOpenedAt: at('2027-02-06T02:55:00Z') }, 'door_opened')).toBe(
      'emergency_door_already_opened',
    );
  });
  it('closes at any point, once; a follow-up may come after closing', () => {
    expect(judgeEmergencyStep(reported, 'close')).toBeNull();
    // Before closing the cause, which decides a work order's kind, is not known.
    expect(judgeEmergencyStep(reported, 'follow_up')).toBe('emergency_not_closed');
    expect(judgeEmergencyStep(assigned, 'follow_up')).toBe('emergency_not_closed');
    const closed = { ...assigned, closedAt: at('2027-02-06T03:30:00Z') };
    expect(judgeEmergencyStep(closed, 'close')).toBe('emergency_closed');
    expect(judgeEmergencyStep(closed, 'arrive')).toBe('emergency_closed');
    expect(judgeEmergencyStep(closed, 'follow_up')).toBeNull();
  });
});

describe('flagEmergencyDeadline', () => {
  it('flags near under 15 minutes left and overdue past the deadline, until on site', () => {
    expect(emergencyDueAt(at('2027-02-06T02:10:00Z'), 60)).toEqual(at('2027-02-06T03:10:00Z'));
    expect(flagEmergencyDeadline(reported, at('2027-02-06T05:00:00Z'))).toBeNull();
    expect(flagEmergencyDeadline(assigned, at('2027-02-06T02:55:00Z'))).toBeNull();
    expect(flagEmergencyDeadline(assigned, at('2027-02-06T02:55:01Z'))).toBe('near');
    expect(flagEmergencyDeadline(assigned, at('2027-02-06T03:10:00Z'))).toBe('overdue');
    expect(
      flagEmergencyDeadline(
        { ...assigned, onSiteAt: at('2027-02-06T03:20:00Z') },
        at('2027-02-06T03:30:00Z'),
      ),
    ).toBeNull();
    expect(
      flagEmergencyDeadline(
        { ...assigned, closedAt: at('2027-02-06T03:20:00Z') },
        at('2027-02-06T03:30:00Z'),
      ),
    ).toBeNull();
  });
});

describe('followUpWorkOrderKind', () => {
  it('changes the battery for a flat battery and repairs otherwise', () => {
    expect(followUpWorkOrderKind('battery')).toBe('battery');
    expect(followUpWorkOrderKind('lock_fault')).toBe('repair');
    expect(followUpWorkOrderKind(null)).toBe('repair');
  });
});
