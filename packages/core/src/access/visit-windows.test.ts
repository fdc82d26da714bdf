// Visit-window mode in the compiler (docs/permissions.md "Visit-window mode"): a windowed
// customer's own doors open only around the provider's planned visits (± margin) and, for the
// alarm-serving provider, within break-glass windows; entrances and everyone else stay as they were.
import { isWithinWindows } from '@portvakt/protocol';
import { describe, expect, it } from 'vitest';
import type { CompiledLockList, PermissionFacts, VisitWindowFacts } from './index';
import {
  buildPermissionIndex,
  compileLockList,
  isOnlyBreakGlass,
  isVisitWindowed,
  readVisitWindowSettings,
  toLockGrants,
} from './index';
import { smallWorld, stockholm } from './permissions.testing';

const minute = 60_000;
const monday = stockholm('2026-03-02 06:00');

/** The small world with Karl Berg (door lock-karl behind the shared entrance lock-port) windowed. */
function windowedWorld(change: (facts: PermissionFacts) => void = () => {}): PermissionFacts {
  const facts = smallWorld();
  facts.customers = facts.customers.map((c) => (c.id === 'c-karl' ? { ...c, visitWindowMode: true } : c));
  change(facts);
  return facts;
}

const planned = (providerId: string, from: string, to: string, customerId = 'c-karl') => ({
  customerId,
  providerId,
  startsAt: stockholm(from),
  endsAt: stockholm(to),
});

function intervalsOf(
  list: CompiledLockList,
  lockId: string,
): Array<{ from: number; until: number }> | undefined {
  return list.locks.find((lock) => lock.lockId === lockId)?.intervals.map((i) => ({ ...i }));
}

/** The protocol's own reading of the ticket agrees with the intervals, minute by minute. */
function expectTicketAgrees(list: CompiledLockList, lockId: string, lockNumber: number): void {
  const grant = toLockGrants(list).find((g) => g.lock === lockNumber);
  const intervals = intervalsOf(list, lockId) ?? [];
  for (let at = list.issuedAt; at < list.validUntil; at += 15 * minute) {
    const isInside = intervals.some((i) => i.from <= at && at < i.until);
    expect(grant !== undefined && isWithinWindows(grant, at / 1000)).toBe(isInside);
  }
}

const day = { validForSeconds: 24 * 3600 };

describe('visit-window mode', () => {
  it('opens the customer’s own door exactly around the provider’s planned visits, margin either side', () => {
    const index = buildPermissionIndex(windowedWorld());
    const visitWindows: VisitWindowFacts = {
      marginMinutes: 15,
      plannedVisits: [
        planned('p-nord', '2026-03-02 09:00', '2026-03-02 09:30'),
        planned('p-nord', '2026-03-02 14:00', '2026-03-02 14:45'),
      ],
      breakGlassWindows: [],
    };
    const list = compileLockList(index, 's-anna', monday, { ...day, visitWindows });
    expect(intervalsOf(list, 'lock-karl')).toEqual([
      { from: stockholm('2026-03-02 08:45'), until: stockholm('2026-03-02 09:45') },
      { from: stockholm('2026-03-02 13:45'), until: stockholm('2026-03-02 15:00') },
    ]);
    // The shared entrance is not Karl's own door: the day team keeps it for its service window.
    expect(intervalsOf(list, 'lock-port')).toEqual([
      { from: stockholm('2026-03-02 07:00'), until: stockholm('2026-03-02 22:00') },
    ]);
    expectTicketAgrees(list, 'lock-karl', 2);
  });

  it('still needs the rules: a planned visit outside the service window opens nothing then', () => {
    const index = buildPermissionIndex(windowedWorld());
    const visitWindows: VisitWindowFacts = {
      marginMinutes: 30,
      plannedVisits: [planned('p-nord', '2026-03-02 21:45', '2026-03-02 22:30')],
      breakGlassWindows: [],
    };
    const list = compileLockList(index, 's-anna', monday, { ...day, visitWindows });
    expect(intervalsOf(list, 'lock-karl')).toEqual([
      { from: stockholm('2026-03-02 21:15'), until: stockholm('2026-03-02 22:00') },
    ]);
  });

  it('leaves the customer’s own door out of the ticket without a planned visit in its period', () => {
    const index = buildPermissionIndex(windowedWorld());
    const noneInPeriod: VisitWindowFacts = {
      marginMinutes: 30,
      // The next day's visit lies beyond a 24-hour ticket issued at 06:00, margin and all.
      plannedVisits: [planned('p-nord', '2026-03-03 07:00', '2026-03-03 07:30')],
      breakGlassWindows: [],
    };
    for (const options of [{ ...day, visitWindows: noneInPeriod }, day]) {
      const list = compileLockList(index, 's-anna', monday, options);
      expect(list.locks.map((lock) => lock.lockId)).toEqual(['lock-laundry', 'lock-port']);
    }
  });

  it('gives staff only their own provider’s planned visits', () => {
    const index = buildPermissionIndex(windowedWorld());
    const visitWindows: VisitWindowFacts = {
      marginMinutes: 0,
      plannedVisits: [
        planned('p-natt', '2026-03-02 23:00', '2026-03-02 23:20'),
        planned('p-nord', '2026-03-02 10:00', '2026-03-02 10:30'),
      ],
      breakGlassWindows: [],
    };
    const night = compileLockList(index, 's-bo', monday, { ...day, visitWindows });
    expect(intervalsOf(night, 'lock-karl')).toEqual([
      { from: stockholm('2026-03-02 23:00'), until: stockholm('2026-03-02 23:20') },
    ]);
    const dayList = compileLockList(index, 's-anna', monday, { ...day, visitWindows });
    expect(intervalsOf(dayList, 'lock-karl')).toEqual([
      { from: stockholm('2026-03-02 10:00'), until: stockholm('2026-03-02 10:30') },
    ]);
    // Omsorg Syd's substitute with a grant to Karl gets nothing: R3.2 still decides first.
    expect(
      intervalsOf(compileLockList(index, 's-david', monday, { ...day, visitWindows }), 'lock-karl'),
    ).toBe(undefined);
  });

  it('opens a break-glass window only for the alarm-serving provider’s staff, that customer and those minutes', () => {
    // Ines (key safe lock-ines) is windowed too, by the municipality's setting, and has no window.
    const index = buildPermissionIndex(windowedWorld((facts) => (facts.visitWindowMode = true)));
    const visitWindows: VisitWindowFacts = {
      marginMinutes: 30,
      plannedVisits: [],
      breakGlassWindows: [
        {
          customerId: 'c-karl',
          providerId: 'p-larm',
          startsAt: stockholm('2026-03-02 10:07'),
          endsAt: stockholm('2026-03-02 11:07'),
        },
      ],
    };
    const eva = compileLockList(index, 's-eva', monday, { ...day, visitWindows });
    expect(intervalsOf(eva, 'lock-karl')).toEqual([
      { from: stockholm('2026-03-02 10:07'), until: stockholm('2026-03-02 11:07') },
    ]);
    expect(intervalsOf(eva, 'lock-ines')).toBe(undefined);
    expectTicketAgrees(eva, 'lock-karl', 2);
    // Without the alarm the alarm patrol, like everyone, has no window at Karl's door.
    const evaBefore = compileLockList(index, 's-eva', monday, {
      ...day,
      visitWindows: { ...visitWindows, breakGlassWindows: [] },
    });
    expect(intervalsOf(evaBefore, 'lock-karl')).toBe(undefined);
    // Hemtjänst Nord serves Karl too, but not his alarm: the window is not theirs.
    const anna = compileLockList(index, 's-anna', monday, { ...day, visitWindows });
    expect(intervalsOf(anna, 'lock-karl')).toBe(undefined);
  });

  it('changes nothing while no customer is windowed, whatever visit windows are passed', () => {
    const plain = buildPermissionIndex(smallWorld());
    const off = buildPermissionIndex(
      windowedWorld((facts) => {
        facts.visitWindowMode = true;
        facts.customers = facts.customers.map((c) => ({ ...c, visitWindowMode: false }));
      }),
    );
    expect(off.hasVisitWindowedCustomers).toBe(false);
    const visitWindows: VisitWindowFacts = {
      marginMinutes: 0,
      plannedVisits: [planned('p-nord', '2026-03-02 10:00', '2026-03-02 10:30')],
      breakGlassWindows: [],
    };
    for (const staffId of ['s-anna', 's-bo', 's-eva', 's-hanna', 's-jon']) {
      const expected = compileLockList(plain, staffId, monday);
      expect(compileLockList(off, staffId, monday, { visitWindows })).toEqual(expected);
      expect(compileLockList(plain, staffId, monday, { visitWindows })).toEqual(expected);
    }
  });
});

describe('visit-window settings and flags', () => {
  it('reads the municipality setting with defaults, and lets a customer’s own setting win', () => {
    expect(readVisitWindowSettings({})).toEqual({
      isEnabled: false,
      marginMinutes: 30,
      breakGlassMinutes: 60,
    });
    expect(
      readVisitWindowSettings({
        visitWindowMode: { enabled: true, marginMinutes: 10, breakGlassMinutes: 90 },
      }),
    ).toEqual({ isEnabled: true, marginMinutes: 10, breakGlassMinutes: 90 });
    expect(isVisitWindowed(true, null)).toBe(true);
    expect(isVisitWindowed(true, false)).toBe(false);
    expect(isVisitWindowed(false, true)).toBe(true);
    expect(isVisitWindowed(false, undefined)).toBe(false);
  });

  it('flags an opening as break-glass only inside a break-glass window and outside every planned one', () => {
    const windows = {
      marginMinutes: 15,
      plannedVisits: [{ startsAt: stockholm('2026-03-02 10:30'), endsAt: stockholm('2026-03-02 11:00') }],
      breakGlass: [{ startsAt: stockholm('2026-03-02 10:00'), endsAt: stockholm('2026-03-02 11:00') }],
    };
    expect(isOnlyBreakGlass(stockholm('2026-03-02 10:05'), windows)).toBe(true);
    expect(isOnlyBreakGlass(stockholm('2026-03-02 10:14') + 59_000, windows)).toBe(true);
    // From 10:15 the planned visit's margin allows it anyway.
    expect(isOnlyBreakGlass(stockholm('2026-03-02 10:15'), windows)).toBe(false);
    expect(isOnlyBreakGlass(stockholm('2026-03-02 09:59'), windows)).toBe(false);
    expect(isOnlyBreakGlass(stockholm('2026-03-02 11:00'), { ...windows, plannedVisits: [] })).toBe(false);
  });
});
