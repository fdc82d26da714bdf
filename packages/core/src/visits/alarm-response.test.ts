import { describe, expect, it } from 'vitest';
import { nearestRank, summariseAlarmResponses } from './alarm-response';

describe('alarm response times', () => {
  it('takes the nearest rank, so a reported 90th percentile is a time that really happened', () => {
    const sorted = [4, 6, 7, 9, 12, 15, 18, 22, 25, 40];
    expect(nearestRank(sorted, 0.5)).toBe(12);
    expect(nearestRank(sorted, 0.9)).toBe(25);
    expect(nearestRank([8], 0.9)).toBe(8);
    expect(() => nearestRank([], 0.5)).toThrow(RangeError);
  });

  it('groups answered alarms by district and responding provider and lists the unanswered', () => {
    const summary = summariseAlarmResponses([
      { alarmId: 'a1', districtId: 'north', providerId: 'patrol', minutes: 12 },
      { alarmId: 'a2', districtId: 'north', providerId: 'patrol', minutes: 30 },
      { alarmId: 'a3', districtId: 'north', providerId: 'patrol', minutes: 18 },
      { alarmId: 'a4', districtId: 'south', providerId: 'patrol', minutes: 9 },
      { alarmId: 'a5', districtId: 'south', providerId: null, minutes: null },
    ]);
    expect(summary.groups).toEqual([
      { districtId: 'north', providerId: 'patrol', alarms: 3, medianMinutes: 18, p90Minutes: 30 },
      { districtId: 'south', providerId: 'patrol', alarms: 1, medianMinutes: 9, p90Minutes: 9 },
    ]);
    expect(summary.unansweredAlarmIds).toEqual(['a5']);
  });
});
