// A small, readable keyless world for the permission tests (names are invented).
import type { PermissionFacts } from './permission-facts';
import { createZoneClock, minutesPerDay, parseClockTime, parseIsoDate } from './time-windows';

const clock = createZoneClock('Europe/Stockholm');

/** Epoch ms of a Stockholm wall-clock time "YYYY-MM-DD HH:MM". */
export function stockholm(local: string): number {
  const [date, time] = local.split(' ');
  return clock.fromLocal(parseIsoDate(date!) * minutesPerDay + parseClockTime(time!)) * 60_000;
}

/**
 * Providers: Hemtjänst Nord (day home care 07:00–22:00), Nattpatrullen (night patrol
 * 22:00–07:00), Larmbolaget (alarm patrol, safety alarm around the clock), Omsorg Syd (day home care
 * 07:00–22:00), Kvällsomsorg (home care with two windows overlapping across midnight).
 */
export function smallWorld(): PermissionFacts {
  return {
    timeZone: 'Europe/Stockholm',
    districts: [
      { id: 'd-norr', name: 'Norrmalm' },
      { id: 'd-sod', name: 'Södermalm' },
    ],
    providers: [
      {
        id: 'p-nord',
        name: 'Hemtjänst Nord',
        kinds: ['day_home_care'],
        serviceWindows: { home_care: [{ from: '07:00', to: '22:00' }] },
      },
      {
        id: 'p-natt',
        name: 'Nattpatrullen',
        kinds: ['night_patrol'],
        serviceWindows: { home_care: [{ from: '22:00', to: '07:00' }] },
      },
      { id: 'p-larm', name: 'Larmbolaget', kinds: ['alarm_patrol'] },
      {
        id: 'p-syd',
        name: 'Omsorg Syd',
        kinds: ['day_home_care'],
        serviceWindows: { home_care: [{ from: '07:00', to: '22:00' }] },
      },
      {
        id: 'p-kvall',
        name: 'Kvällsomsorg',
        kinds: ['day_home_care'],
        serviceWindows: {
          home_care: [
            { from: '21:00', to: '02:00' },
            { from: '23:00', to: '07:00' },
          ],
        },
      },
    ],
    customers: [
      { id: 'c-karl', name: 'Karl Berg', districtId: 'd-norr' },
      { id: 'c-greta', name: 'Greta Holm', districtId: 'd-norr', hasRefusedLock: true },
      { id: 'c-ines', name: 'Ines Lund', districtId: 'd-norr' },
      { id: 'c-olle', name: 'Olle Ek', districtId: 'd-sod' },
      { id: 'c-sven', name: 'Sven Dahl', districtId: 'd-sod' },
    ],
    services: [
      { customerId: 'c-karl', service: 'home_care', providerId: 'p-nord', startsOn: '2026-01-01' },
      { customerId: 'c-karl', service: 'home_care', providerId: 'p-natt', startsOn: '2026-01-01' },
      { customerId: 'c-karl', service: 'safety_alarm', providerId: 'p-larm', startsOn: '2026-01-01' },
      { customerId: 'c-greta', service: 'home_care', providerId: 'p-nord', startsOn: '2026-01-01' },
      { customerId: 'c-ines', service: 'safety_alarm', providerId: 'p-larm', startsOn: '2026-01-01' },
      {
        customerId: 'c-olle',
        service: 'home_care',
        providerId: 'p-nord',
        startsOn: '2026-01-01',
        endsOn: '2026-03-04',
      },
      { customerId: 'c-olle', service: 'home_care', providerId: 'p-kvall', startsOn: '2026-01-01' },
      { customerId: 'c-sven', service: 'home_care', providerId: 'p-syd', startsOn: '2026-01-01' },
      { customerId: 'c-sven', service: 'safety_alarm', providerId: 'p-larm', startsOn: '2026-01-01' },
    ],
    teams: [
      { id: 't-norr-dag', providerId: 'p-nord', name: 'Norrmalm Dag', districtId: 'd-norr' },
      { id: 't-sod-dag', providerId: 'p-nord', name: 'Södermalm Dag', districtId: 'd-sod' },
      { id: 't-greta', providerId: 'p-nord', name: 'Norrmalm Kväll', districtId: 'd-norr' },
      { id: 't-natt', providerId: 'p-natt', name: 'Natt City', districtId: 'd-norr' },
      { id: 't-larm', providerId: 'p-larm', name: 'Larm Norr', districtId: 'd-norr' },
      { id: 't-syd', providerId: 'p-syd', name: 'Syd Dag', districtId: 'd-sod' },
      { id: 't-kvall', providerId: 'p-kvall', name: 'Kväll Söder', districtId: 'd-sod' },
    ],
    teamCustomers: [
      { teamId: 't-norr-dag', customerId: 'c-karl' },
      { teamId: 't-norr-dag', customerId: 'c-greta' },
      { teamId: 't-greta', customerId: 'c-greta' },
      { teamId: 't-sod-dag', customerId: 'c-olle' },
      { teamId: 't-natt', customerId: 'c-karl' },
      { teamId: 't-syd', customerId: 'c-sven' },
      { teamId: 't-kvall', customerId: 'c-olle' },
    ],
    areaRules: [{ teamId: 't-larm', districtId: 'd-norr' }],
    staff: [
      { id: 's-anna', providerId: 'p-nord', name: 'Anna Svensson', employmentStartsOn: '2020-01-01' },
      { id: 's-bo', providerId: 'p-natt', name: 'Bo Nilsson', employmentStartsOn: '2020-01-01' },
      { id: 's-cecilia', providerId: 'p-nord', name: 'Cecilia Ahl', employmentStartsOn: '2020-01-01' },
      { id: 's-david', providerId: 'p-syd', name: 'David Ek', employmentStartsOn: '2020-01-01' },
      { id: 's-eva', providerId: 'p-larm', name: 'Eva Larsson', employmentStartsOn: '2020-01-01' },
      { id: 's-frida', providerId: 'p-nord', name: 'Frida Ström', employmentStartsOn: '2020-01-01' },
      {
        id: 's-gustav',
        providerId: 'p-nord',
        name: 'Gustav Sand',
        employmentStartsOn: '2020-01-01',
        employmentEndsOn: '2026-02-28',
      },
      { id: 's-hanna', providerId: 'p-nord', name: 'Hanna Berg', employmentStartsOn: '2020-01-01' },
      { id: 's-ida', providerId: 'p-nord', name: 'Ida Falk', employmentStartsOn: '2020-01-01' },
      { id: 's-jon', providerId: 'p-kvall', name: 'Jon Kvist', employmentStartsOn: '2020-01-01' },
      {
        id: 's-karin',
        providerId: 'p-natt',
        name: 'Karin Alm',
        employmentStartsOn: '2020-01-01',
        employmentEndsOn: '2026-03-03',
      },
    ],
    memberships: [
      { staffId: 's-anna', teamId: 't-norr-dag', validFrom: '2025-01-01T00:00:00+01:00' },
      { staffId: 's-bo', teamId: 't-natt', validFrom: '2025-01-01T00:00:00+01:00' },
      // Temporary: covers Norrmalm Dag until midnight.
      {
        staffId: 's-cecilia',
        teamId: 't-norr-dag',
        validFrom: '2026-03-02T06:00:00+01:00',
        validUntil: '2026-03-03T00:00:00+01:00',
      },
      { staffId: 's-david', teamId: 't-syd', validFrom: '2025-01-01T00:00:00+01:00' },
      { staffId: 's-eva', teamId: 't-larm', validFrom: '2025-01-01T00:00:00+01:00' },
      { staffId: 's-frida', teamId: 't-norr-dag', validFrom: '2025-01-01T00:00:00+01:00' },
      { staffId: 's-frida', teamId: 't-sod-dag', validFrom: '2025-01-01T00:00:00+01:00' },
      { staffId: 's-gustav', teamId: 't-norr-dag', validFrom: '2025-01-01T00:00:00+01:00' },
      { staffId: 's-ida', teamId: 't-greta', validFrom: '2025-01-01T00:00:00+01:00' },
      { staffId: 's-jon', teamId: 't-kvall', validFrom: '2025-01-01T00:00:00+01:00' },
      { staffId: 's-karin', teamId: 't-natt', validFrom: '2025-01-01T00:00:00+01:00' },
    ],
    individualGrants: [
      // R3.2: Omsorg Syd is not chosen by Karl Berg; this grant must never open his doors.
      {
        id: 'g-david-karl',
        staffId: 's-david',
        customerId: 'c-karl',
        validFrom: '2026-03-01T00:00:00+01:00',
        validUntil: '2026-03-10T00:00:00+01:00',
        reason: 'cover for colleague',
        grantedBy: 'Maja Work-Lead',
      },
      // Substitute at Hemtjänst Nord, not in the team: two days for Karl Berg.
      {
        id: 'g-hanna-karl',
        staffId: 's-hanna',
        customerId: 'c-karl',
        validFrom: '2026-03-02T12:00:00+01:00',
        validUntil: '2026-03-04T12:00:00+01:00',
        reason: 'substitute during sick leave',
        grantedBy: 'Maja Work-Lead',
      },
    ],
    sharedDoorGrants: [
      {
        id: 'g-laundry',
        doorId: 'door-laundry',
        teamId: 't-norr-dag',
        reason: 'customers’ laundry',
        grantedBy: 'Maja Work-Lead',
      },
    ],
    doors: [
      { id: 'door-port', kind: 'entrance', label: 'Sveavägen 1, port' },
      { id: 'door-karl', kind: 'apartment_door', label: 'Sveavägen 1, lgh 1101' },
      { id: 'door-greta', kind: 'apartment_door', label: 'Sveavägen 1, lgh 1201' },
      { id: 'door-ines', kind: 'key_safe', label: 'Odengatan 9, nyckelgömma' },
      { id: 'door-olle', kind: 'apartment_door', label: 'Götgatan 4, lgh 1002' },
      { id: 'door-sven', kind: 'apartment_door', label: 'Götgatan 8, lgh 1003' },
      { id: 'door-laundry', kind: 'laundry_room', label: 'Sveavägen 1, tvättstuga' },
    ],
    locks: [
      { id: 'lock-port', doorId: 'door-port', number: 1 },
      { id: 'lock-karl', doorId: 'door-karl', number: 2 },
      { id: 'lock-ines', doorId: 'door-ines', number: 4 },
      { id: 'lock-olle', doorId: 'door-olle', number: 5 },
      { id: 'lock-sven', doorId: 'door-sven', number: 6 },
      { id: 'lock-laundry', doorId: 'door-laundry', number: 7 },
    ],
    accessPaths: [
      { customerId: 'c-karl', doorIds: ['door-port', 'door-karl'] },
      { customerId: 'c-greta', doorIds: ['door-port', 'door-greta'] },
      { customerId: 'c-ines', doorIds: ['door-ines'] },
      { customerId: 'c-olle', doorIds: ['door-olle'] },
      { customerId: 'c-sven', doorIds: ['door-sven'] },
    ],
  };
}
