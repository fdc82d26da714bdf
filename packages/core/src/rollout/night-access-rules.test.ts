import { describe, expect, it } from 'vitest';
import { judgeNightAccess, type DoorOpening, type ServiceNeed } from './night-access-rules';
import { isOpenAt, findUncoveredSpans, markWeek } from './opening-hours';

const night: ServiceNeed = {
  service: 'home_care',
  providerId: 'p-night',
  providerName: 'Nattpatrullen',
  providerKinds: ['night_patrol'],
  windows: [{ from: '22:00', to: '07:00' }],
};
const day: ServiceNeed = {
  service: 'home_care',
  providerId: 'p-day',
  providerName: 'Hemtjänst Dag',
  providerKinds: ['day_home_care'],
  windows: [],
};
const entrance = (overrides: Partial<DoorOpening> = {}): DoorOpening => ({
  doorId: 'd1',
  label: 'Port A',
  kind: 'entrance',
  openingMethod: 'door_code',
  openingHours: [{ from: '06:00', to: '22:00' }],
  isLockInUse: false,
  ...overrides,
});
const at = (isoDay: number, clock: string) => {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  return (isoDay - 1) * 1440 + h * 60 + m;
};

describe('opening hours (R2.6)', () => {
  it('a window past midnight opens into the next day, and Sunday into Monday', () => {
    const hours = [{ from: '20:00', to: '02:00', days: [7] }];
    expect(isOpenAt(hours, at(7, '23:30'))).toBe(true);
    expect(isOpenAt(hours, at(1, '01:59'))).toBe(true);
    expect(isOpenAt(hours, at(1, '02:00'))).toBe(false);
    expect(isOpenAt(hours, at(6, '23:30'))).toBe(false);
  });

  it('weekday windows apply only on their days; no hours means any hour', () => {
    const hours = [
      { from: '06:00', to: '22:00', days: [1, 2, 3, 4, 5] },
      { from: '09:00', to: '18:00', days: [6, 7] },
    ];
    expect(isOpenAt(hours, at(3, '07:00'))).toBe(true);
    expect(isOpenAt(hours, at(6, '07:00'))).toBe(false);
    expect(isOpenAt(hours, at(6, '17:59'))).toBe(true);
    expect(isOpenAt(null, at(6, '03:00'))).toBe(true);
  });

  it('groups a daily gap into one span over seven days, across midnight', () => {
    const spans = findUncoveredSpans(
      markWeek([{ from: '22:00', to: '07:00' }]),
      markWeek([{ from: '06:00', to: '22:00' }]),
    );
    expect(spans).toEqual([{ days: [1, 2, 3, 4, 5, 6, 7], from: '22:00', to: '06:00', minutes: 480 }]);
  });

  it('a door that never opens in a needed stretch shows the whole stretch', () => {
    const spans = findUncoveredSpans(markWeek([{ from: '00:00', to: '24:00' }]), markWeek([]));
    expect(spans).toEqual([{ days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '24:00', minutes: 1440 }]);
  });
});

describe('judgeNightAccess (R2.6)', () => {
  it('warns when a night service comes while the door code does not work', () => {
    const [warning, ...rest] = judgeNightAccess([night], [entrance()]);
    expect(rest).toEqual([]);
    expect(warning).toMatchObject({
      doorId: 'd1',
      providerId: 'p-night',
      closedSpans: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '22:00', to: '06:00' }],
    });
  });

  it('a lock in use on the door makes its hours irrelevant', () => {
    expect(judgeNightAccess([night], [entrance({ isLockInUse: true })])).toEqual([]);
  });

  it('no warning when the code works through the service hours, or when no hours are recorded', () => {
    expect(
      judgeNightAccess(
        [night],
        [
          entrance({
            openingHours: [
              { from: '21:00', to: '08:00' },
              { from: '08:00', to: '21:00' },
            ],
          }),
        ],
      ),
    ).toEqual([]);
    expect(judgeNightAccess([night], [entrance({ openingHours: null })])).toEqual([]);
  });

  it('day home care without windows is not checked; with windows reaching past closing it is', () => {
    expect(judgeNightAccess([day], [entrance()])).toEqual([]);
    const late = { ...day, windows: [{ from: '07:00', to: '22:30' }] };
    expect(judgeNightAccess([late], [entrance()])[0]?.closedSpans).toEqual([
      { days: [1, 2, 3, 4, 5, 6, 7], from: '22:00', to: '22:30', minutes: 30 },
    ]);
  });

  it('an alarm service without windows needs the door at every hour', () => {
    const alarm: ServiceNeed = { ...day, service: 'safety_alarm', windows: [] };
    const weekdaysOnly = entrance({ openingHours: [{ from: '00:00', to: '24:00', days: [1, 2, 3, 4, 5] }] });
    expect(judgeNightAccess([alarm], [weekdaysOnly])[0]?.closedSpans).toEqual([
      { days: [6], from: '00:00', to: '24:00', minutes: 2880 },
    ]);
  });
});
