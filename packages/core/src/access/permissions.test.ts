import { decodeTicketClaims, encodeTicketClaims, isWithinWindows } from '@portvakt/protocol';
import { describe, expect, it } from 'vitest';
import type { CompiledLock, CompiledLockList, PermissionExplanation, PermissionIndex } from './index';
import {
  buildPermissionIndex,
  compileLockList,
  explain,
  findLockDoorLabel,
  mayOpen,
  renderReason,
  toLockGrants,
} from './index';
import { smallWorld, stockholm } from './permissions.testing';

const index = buildPermissionIndex(smallWorld());
const hour = 3_600_000;

/** The first reason in English words, as support reads it. */
const firstText = (why: PermissionExplanation): string => renderReason(why.reasons[0]!, 'en');

function lockOf(list: CompiledLockList, lockId: string): CompiledLock | undefined {
  return list.locks.find((lock) => lock.lockId === lockId);
}

/** Checks one instant through all three doors into the model and returns the shared answer. */
function decide(idx: PermissionIndex, staffId: string, lockId: string, at: number): boolean {
  const fast = mayOpen(idx, staffId, lockId, at);
  const why = explain(idx, staffId, lockId, at);
  expect(why.isAllowed).toBe(fast);
  expect(why.reasons.length).toBeGreaterThan(0);
  return fast;
}

function rulesOf(staffId: string, lockId: string, at: number): string[] {
  return explain(index, staffId, lockId, at).reasons.map((reason) => reason.rule);
}

describe('team service and provider windows', () => {
  it('gives a day-team member the whole access path of the customers the team serves', () => {
    const list = compileLockList(index, 's-anna', stockholm('2026-03-02 10:00'));
    expect(list.staffStatus).toBe('active');
    expect(list.locks.map((lock) => lock.lockId)).toEqual(['lock-karl', 'lock-laundry', 'lock-port']);
    expect(lockOf(list, 'lock-karl')!.rules).toEqual(['team_service']);
    expect(decide(index, 's-anna', 'lock-karl', stockholm('2026-03-02 10:00'))).toBe(true);
    expect(firstText(explain(index, 's-anna', 'lock-karl', stockholm('2026-03-02 10:00')))).toBe(
      'Anna Svensson is in team Norrmalm Dag, which serves Karl Berg (home care by Hemtjänst Nord, 07:00–22:00).',
    );
  });

  it('lets each of a customer’s two providers in only within its own service window', () => {
    const day = stockholm('2026-03-02 10:00');
    const night = stockholm('2026-03-02 23:30');
    expect(decide(index, 's-anna', 'lock-karl', day)).toBe(true);
    expect(decide(index, 's-anna', 'lock-karl', night)).toBe(false);
    expect(rulesOf('s-anna', 'lock-karl', night)).toEqual(['outside_service_window']);
    expect(decide(index, 's-bo', 'lock-karl', night)).toBe(true);
    expect(decide(index, 's-bo', 'lock-karl', day)).toBe(false);
    expect(firstText(explain(index, 's-bo', 'lock-karl', day))).toContain(
      'Nattpatrullen serves Karl Berg (home care) only 22:00–07:00; it is 10:00 on 2026-03-02',
    );
    // The window edges: 22:00 belongs to the night, 07:00 to the day.
    expect(decide(index, 's-bo', 'lock-karl', stockholm('2026-03-02 21:59'))).toBe(false);
    expect(decide(index, 's-bo', 'lock-karl', stockholm('2026-03-02 22:00'))).toBe(true);
    expect(decide(index, 's-bo', 'lock-karl', stockholm('2026-03-03 06:59'))).toBe(true);
    expect(decide(index, 's-bo', 'lock-karl', stockholm('2026-03-03 07:00'))).toBe(false);
    expect(decide(index, 's-anna', 'lock-karl', stockholm('2026-03-03 07:00'))).toBe(true);
  });

  it('puts the 22:00–07:00 window into a night-patrol lock list, one occurrence per night', () => {
    const at = stockholm('2026-03-02 15:00');
    const lock = lockOf(compileLockList(index, 's-bo', at), 'lock-karl')!;
    expect(lock.windows).not.toBe('always');
    expect(lock.intervals.slice(0, 2)).toEqual([
      { from: stockholm('2026-03-02 22:00'), until: stockholm('2026-03-03 07:00') },
      { from: stockholm('2026-03-03 22:00'), until: stockholm('2026-03-04 07:00') },
    ]);
    expect(lock.intervals).toHaveLength(5);
    // 22:00 CET is 21:00 UTC; Monday 2026-03-02 21:00 UTC is minute 1260 of the protocol week.
    expect((lock.windows as readonly { start: number }[])[0]).toEqual({ start: 21 * 60, end: 30 * 60 });
  });

  it('merges overlapping windows across midnight into one opening period per night', () => {
    const at = stockholm('2026-03-02 12:00');
    const lock = lockOf(compileLockList(index, 's-jon', at), 'lock-olle')!;
    expect(lock.intervals[0]).toEqual({
      from: stockholm('2026-03-02 21:00'),
      until: stockholm('2026-03-03 07:00'),
    });
    expect(lock.intervals).toHaveLength(5);
    expect(decide(index, 's-jon', 'lock-olle', stockholm('2026-03-03 01:30'))).toBe(true);
    expect(decide(index, 's-jon', 'lock-olle', stockholm('2026-03-03 06:30'))).toBe(true);
    expect(decide(index, 's-jon', 'lock-olle', stockholm('2026-03-03 07:30'))).toBe(false);
  });

  it('turns a day window and a night window that meet at midnight-spanning edges into “always”', () => {
    const facts = smallWorld();
    facts.providers.find((p) => p.id === 'p-kvall')!.serviceWindows = {
      home_care: [
        { from: '07:00', to: '22:00' },
        { from: '22:00', to: '07:00' },
      ],
    };
    const idx = buildPermissionIndex(facts);
    const list = compileLockList(idx, 's-jon', stockholm('2026-03-02 12:00'));
    expect(lockOf(list, 'lock-olle')!.windows).toBe('always');
  });

  it('ends a service on its last date, keeping the night that starts on that date', () => {
    // Olle's home care from Hemtjänst Nord ends 2026-03-04 (inclusive).
    expect(decide(index, 's-frida', 'lock-olle', stockholm('2026-03-04 21:00'))).toBe(true);
    expect(decide(index, 's-frida', 'lock-olle', stockholm('2026-03-05 08:00'))).toBe(false);
    expect(rulesOf('s-frida', 'lock-olle', stockholm('2026-03-05 08:00'))).toEqual(['service_not_active']);
    const lock = lockOf(compileLockList(index, 's-frida', stockholm('2026-03-03 08:00')), 'lock-olle')!;
    expect(lock.validUntil).toBe(stockholm('2026-03-04 22:00'));
  });
});

describe('temporary membership', () => {
  it('expires by itself at midnight: the lock list stops there and the lock enforces it', () => {
    const at = stockholm('2026-03-02 10:00');
    const list = compileLockList(index, 's-cecilia', at);
    const lock = lockOf(list, 'lock-karl')!;
    expect(lock.intervals).toEqual([{ from: at, until: stockholm('2026-03-02 22:00') }]);
    expect(lock.validUntil).toBe(stockholm('2026-03-02 22:00'));
    // The laundry grant to the team ends with the membership, at midnight.
    expect(lockOf(list, 'lock-laundry')!.validUntil).toBe(stockholm('2026-03-03 00:00'));
    const laundry = toLockGrants(list).find((grant) => grant.lock === 7)!;
    expect(isWithinWindows(laundry, stockholm('2026-03-02 23:59') / 1000)).toBe(true);
    expect(isWithinWindows(laundry, stockholm('2026-03-03 00:00') / 1000)).toBe(false);
    expect(decide(index, 's-cecilia', 'lock-laundry', stockholm('2026-03-02 23:59'))).toBe(true);
    expect(decide(index, 's-cecilia', 'lock-laundry', stockholm('2026-03-03 00:00'))).toBe(false);
    expect(rulesOf('s-cecilia', 'lock-karl', stockholm('2026-03-03 08:00'))).toEqual(['membership_expired']);
    expect(firstText(explain(index, 's-cecilia', 'lock-karl', stockholm('2026-03-03 08:00')))).toBe(
      "Cecilia Ahl's membership in team Norrmalm Dag ended at 2026-03-03 00:00; it is 08:00 on 2026-03-03.",
    );
  });

  it('has not started before its validFrom', () => {
    expect(decide(index, 's-cecilia', 'lock-karl', stockholm('2026-03-01 10:00'))).toBe(false);
    expect(rulesOf('s-cecilia', 'lock-karl', stockholm('2026-03-01 10:00'))).toEqual([
      'membership_not_started',
    ]);
    const lock = lockOf(compileLockList(index, 's-cecilia', stockholm('2026-03-01 10:00')), 'lock-karl')!;
    expect(lock.intervals[0]).toEqual({
      from: stockholm('2026-03-02 07:00'),
      until: stockholm('2026-03-02 22:00'),
    });
  });
});

describe('staff in two teams', () => {
  it('get the union of both teams’ customers, each through its own team', () => {
    const list = compileLockList(index, 's-frida', stockholm('2026-03-02 10:00'));
    expect(list.locks.map((lock) => lock.lockId)).toEqual([
      'lock-karl',
      'lock-laundry',
      'lock-olle',
      'lock-port',
    ]);
    const karl = explain(index, 's-frida', 'lock-karl', stockholm('2026-03-02 10:00'));
    const olle = explain(index, 's-frida', 'lock-olle', stockholm('2026-03-02 10:00'));
    expect(karl.reasons.map((r) => r.teamId)).toEqual(['t-norr-dag']);
    expect(olle.reasons.map((r) => r.teamId)).toEqual(['t-sod-dag']);
  });
});

describe('customer who refused a lock', () => {
  it('has no locks and causes no error; shared entrances still open through other customers', () => {
    const ida = compileLockList(index, 's-ida', stockholm('2026-03-02 10:00'));
    expect(ida.staffStatus).toBe('active');
    expect(ida.locks).toEqual([]);
    expect(decide(index, 's-ida', 'lock-port', stockholm('2026-03-02 10:00'))).toBe(false);
    expect(rulesOf('s-ida', 'lock-port', stockholm('2026-03-02 10:00'))).toEqual(['customer_refused_lock']);
    // Anna's team serves both Karl and Greta; the entrance comes through Karl only.
    expect(explain(index, 's-anna', 'lock-port', stockholm('2026-03-02 10:00')).reasons).toHaveLength(1);
  });
});

describe('R3.2: only staff of a provider the customer has chosen', () => {
  it('never lets staff of another provider in, even with an individual grant', () => {
    const at = stockholm('2026-03-02 10:00');
    expect(compileLockList(index, 's-david', at).locks.map((l) => l.lockId)).toEqual(['lock-sven']);
    expect(decide(index, 's-david', 'lock-karl', at)).toBe(false);
    const why = explain(index, 's-david', 'lock-karl', at);
    expect(why.reasons.map((r) => r.rule)).toEqual(['no_chosen_provider']);
    expect(firstText(why)).toContain('Karl Berg has not chosen Omsorg Syd');
  });

  it('lets an individual grant stand in for team membership, within the provider’s window and the grant', () => {
    const list = compileLockList(index, 's-hanna', stockholm('2026-03-02 10:00'));
    expect(list.locks.map((l) => l.lockId)).toEqual(['lock-karl', 'lock-port']);
    expect(lockOf(list, 'lock-karl')!.intervals).toEqual([
      { from: stockholm('2026-03-02 12:00'), until: stockholm('2026-03-02 22:00') },
      { from: stockholm('2026-03-03 07:00'), until: stockholm('2026-03-03 22:00') },
      { from: stockholm('2026-03-04 07:00'), until: stockholm('2026-03-04 12:00') },
    ]);
    const why = explain(index, 's-hanna', 'lock-karl', stockholm('2026-03-03 09:00'));
    expect(why.reasons[0]!.rule).toBe('individual_grant');
    expect(firstText(why)).toContain('given by Maja Work-Lead: "substitute during sick leave"');
    expect(rulesOf('s-hanna', 'lock-karl', stockholm('2026-03-04 13:00'))).toEqual(['grant_expired']);
    expect(rulesOf('s-hanna', 'lock-karl', stockholm('2026-03-03 23:00'))).toEqual([
      'outside_service_window',
    ]);
  });

  it('says no_chosen_provider when nobody behind the door chose the staff member’s provider', () => {
    expect(rulesOf('s-david', 'lock-ines', stockholm('2026-03-02 10:00'))).toEqual(['no_chosen_provider']);
    expect(rulesOf('s-anna', 'lock-sven', stockholm('2026-03-02 10:00'))).toEqual(['no_chosen_provider']);
    expect(rulesOf('s-anna', 'lock-olle', stockholm('2026-03-02 10:00'))).toEqual(['no_rule']);
  });
});

describe('employment', () => {
  it('ended: nothing at all, no error', () => {
    const list = compileLockList(index, 's-gustav', stockholm('2026-03-02 10:00'));
    expect(list.staffStatus).toBe('employment_ended');
    expect(list.locks).toEqual([]);
    expect(rulesOf('s-gustav', 'lock-karl', stockholm('2026-03-02 10:00'))).toEqual(['employment_ended']);
    expect(decide(index, 's-gustav', 'lock-karl', stockholm('2026-02-28 10:00'))).toBe(true);
  });

  it('ending within the list’s validity caps the locks at local midnight after the last day', () => {
    const lock = lockOf(compileLockList(index, 's-karin', stockholm('2026-03-02 12:00')), 'lock-karl')!;
    expect(lock.intervals).toEqual([
      { from: stockholm('2026-03-02 22:00'), until: stockholm('2026-03-03 07:00') },
      { from: stockholm('2026-03-03 22:00'), until: stockholm('2026-03-04 00:00') },
    ]);
  });

  it('unknown staff or lock: an empty list and a reason, never an exception', () => {
    expect(compileLockList(index, 's-nobody', Date.now()).staffStatus).toBe('unknown_staff');
    expect(rulesOf('s-nobody', 'lock-karl', Date.now())).toEqual(['unknown_staff']);
    expect(rulesOf('s-anna', 'lock-nothing', Date.now())).toEqual(['unknown_lock']);
    expect(mayOpen(index, 's-anna', 'lock-nothing', Date.now())).toBe(false);
  });
});

describe('alarm patrol area rule', () => {
  it('opens the doors of the provider’s safety-alarm customers in the team’s district, around the clock', () => {
    const at = stockholm('2026-03-02 03:00');
    const list = compileLockList(index, 's-eva', at);
    expect(list.locks.map((l) => [l.lockId, l.windows])).toEqual([
      ['lock-ines', 'always'],
      ['lock-karl', 'always'],
      ['lock-port', 'always'],
    ]);
    const why = explain(index, 's-eva', 'lock-ines', at);
    expect(why.reasons[0]!.rule).toBe('area_rule');
    expect(firstText(why)).toBe(
      'Eva Larsson is in team Larm Norr, which may open the doors of safety alarm customers of Larmbolaget in Norrmalm; Ines Lund is one (safety alarm by Larmbolaget, around the clock).',
    );
    // Sven is a Larmbolaget alarm customer, but in Södermalm.
    expect(decide(index, 's-eva', 'lock-sven', at)).toBe(false);
    expect(rulesOf('s-eva', 'lock-sven', at)).toEqual(['no_rule']);
  });
});

describe('shared doors', () => {
  it('open only with an explicit grant', () => {
    const at = stockholm('2026-03-02 10:00');
    expect(decide(index, 's-anna', 'lock-laundry', at)).toBe(true);
    expect(explain(index, 's-anna', 'lock-laundry', at).reasons[0]!.rule).toBe('shared_door_grant');
    expect(decide(index, 's-bo', 'lock-laundry', at)).toBe(false);
    expect(firstText(explain(index, 's-bo', 'lock-laundry', at))).toBe(
      'The laundry room "Sveavägen 1, tvättstuga" is a shared door that opens only with an explicit grant, and Bo Nilsson has none.',
    );
  });
});

describe('daylight saving time (Europe/Stockholm)', () => {
  it('keeps 22:00–07:00 in local time over the spring and autumn changes', () => {
    const spring = lockOf(compileLockList(index, 's-bo', stockholm('2026-03-28 12:00')), 'lock-karl')!;
    const springNight = spring.intervals[0]!;
    expect(springNight).toEqual({
      from: stockholm('2026-03-28 22:00'),
      until: stockholm('2026-03-29 07:00'),
    });
    expect(springNight.until - springNight.from).toBe(8 * hour);
    expect(new Date(springNight.until).toISOString()).toBe('2026-03-29T05:00:00.000Z');
    const autumn = lockOf(compileLockList(index, 's-bo', stockholm('2026-10-24 12:00')), 'lock-karl')!;
    const autumnNight = autumn.intervals[0]!;
    expect(autumnNight.until - autumnNight.from).toBe(10 * hour);
    expect(new Date(autumnNight.until).toISOString()).toBe('2026-10-25T06:00:00.000Z');
    // The weekly windows carry the shift: the night after the change ends at 05:00 UTC, not 06:00.
    const grants = toLockGrants(compileLockList(index, 's-bo', stockholm('2026-03-27 12:00')));
    const karl = grants.find((g) => g.lock === 2)!;
    expect(isWithinWindows(karl, Date.parse('2026-03-28T05:30:00Z') / 1000)).toBe(true); // 06:30 CET
    expect(isWithinWindows(karl, Date.parse('2026-03-29T05:30:00Z') / 1000)).toBe(false); // 07:30 CEST
    expect(isWithinWindows(karl, Date.parse('2026-03-28T05:59:00Z') / 1000)).toBe(true); // 06:59 CET
    expect(isWithinWindows(karl, Date.parse('2026-03-29T04:59:00Z') / 1000)).toBe(true); // 06:59 CEST
    expect(isWithinWindows(karl, Date.parse('2026-03-29T05:00:00Z') / 1000)).toBe(false); // 07:00 CEST
  });

  it('agrees between compile and single checks on every minute around both changes', () => {
    for (const start of ['2026-03-28 20:00', '2026-10-24 20:00']) {
      const at = stockholm(start);
      for (const staffId of ['s-anna', 's-bo', 's-jon']) {
        const list = compileLockList(index, staffId, at, { validForSeconds: 14 * 3600 });
        for (const lockId of ['lock-karl', 'lock-olle']) {
          const lock = lockOf(list, lockId);
          for (let t = at; t < at + 14 * hour; t += 60_000) {
            const inList = lock?.intervals.some((i) => i.from <= t && t < i.until) ?? false;
            expect(mayOpen(index, staffId, lockId, t)).toBe(inList);
          }
        }
      }
    }
  });
});

describe('lock list as a ticket carries it', () => {
  it('sorts by lock number and passes the protocol’s own ticket validation', () => {
    const at = stockholm('2026-03-02 15:00');
    const list = compileLockList(index, 's-frida', at);
    const locks = toLockGrants(list);
    expect(locks.map((l) => l.lock)).toEqual([1, 2, 5, 7]);
    const issuedAt = Math.floor(at / 1000);
    const claims = {
      issuer: 'se-0180',
      keyId: new Uint8Array(16),
      cnf: { x: new Uint8Array(32), y: new Uint8Array(32) },
      staff: 'pseudonym',
      issuedAt,
      notBefore: issuedAt,
      expiresAt: Math.floor(list.validUntil / 1000),
      sequence: 1,
      shiftSeconds: 12 * 3600,
      locks,
      blockListVersion: 0,
      blockedKeys: [],
    };
    expect(decodeTicketClaims(encodeTicketClaims(claims)).locks).toEqual(locks);
  });

  it('rejects a validity beyond five days', () => {
    expect(() => compileLockList(index, 's-anna', Date.now(), { validForSeconds: 6 * 24 * 3600 })).toThrow(
      RangeError,
    );
  });
});

describe('building the index', () => {
  it('names the fact that does not resolve', () => {
    const base = smallWorld();
    const facts = {
      ...base,
      memberships: [
        ...base.memberships,
        { staffId: 's-anna', teamId: 't-missing', validFrom: '2026-01-01T00:00:00Z' },
      ],
    };
    expect(() => buildPermissionIndex(facts)).toThrow(
      /membership s-anna\/t-missing.teamId: unknown id "t-missing"/,
    );
  });

  it('refuses timestamps without an offset, which would depend on the machine’s zone', () => {
    const base = smallWorld();
    const facts = {
      ...base,
      memberships: [
        ...base.memberships,
        { staffId: 's-anna', teamId: 't-natt', validFrom: '2026-01-01T00:00:00' },
      ],
    };
    expect(() => buildPermissionIndex(facts)).toThrow(/offset or Z/);
  });

  it('names the door a lock is on by the lock, and nothing for a lock it does not know', () => {
    expect(findLockDoorLabel(index, 'lock-karl')).toBe('Sveavägen 1, lgh 1101');
    expect(findLockDoorLabel(index, 'lock-laundry')).toBe('Sveavägen 1, tvättstuga');
    expect(findLockDoorLabel(index, 'door-karl')).toBeUndefined();
  });
});
