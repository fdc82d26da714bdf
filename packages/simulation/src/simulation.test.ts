import { describe, expect, it } from 'vitest';
import { shiftHours } from './district';
import { ExposureMeter } from './exposure';
import { rosterFor } from './shift-planning';
import type { SimulationEvent } from './simulation-events';
import { createTestRun, testStart } from './simulation.testing';

const hour = 3600;

type Of<T extends SimulationEvent['type']> = Extract<SimulationEvent, { type: T }>;
const only = <T extends SimulationEvent['type']>(events: SimulationEvent[], type: T): Of<T>[] =>
  events.filter((event): event is Of<T> => event.type === type);

describe('district simulation', () => {
  it('is deterministic for a seed and a start instant', async () => {
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const run = await createTestRun({ losses: { count: 1, from: 9 * hour, until: 12 * hour } });
      await run.simulation.runUntil(testStart + 30 * hour);
      runs.push(run.events);
    }
    expect(runs[0]!.length).toBeGreaterThan(100);
    expect(JSON.stringify(runs[1])).toBe(JSON.stringify(runs[0]));
    // Nothing happens outside the simulated span: no event is stamped with the machine's time.
    expect(runs[0]!.every((event) => event.at >= testStart && event.at <= testStart + 30 * hour)).toBe(true);
    const other = await createTestRun({ seed: 12 });
    await other.simulation.runUntil(testStart + 30 * hour);
    expect(JSON.stringify(other.events)).not.toBe(JSON.stringify(runs[0]));
  });

  it('emits the day as typed events: shifts, openings by the real protocol, visits, alarms, batteries, records uploaded', async () => {
    const { simulation, events, issuer, district } = await createTestRun({ alarmRate: 1 });
    await simulation.runUntil(testStart + 26 * hour);
    const starts = only(events, 'shift-started');
    expect(starts.length).toBeGreaterThan(5);
    expect(starts.every((event) => event.mode === 'online')).toBe(true);
    expect(new Set(starts.map((event) => event.holder))).toEqual(new Set(['key', 'phone']));
    const openings = only(events, 'opening');
    expect(openings.filter((event) => event.isOpen).length).toBeGreaterThan(50);
    // Every opening is at a lock the staff member's team may open.
    for (const opening of openings) {
      const member = district.staff.find((s) => s.id === opening.staff)!;
      expect(district.teams[member.team]!.locks).toContain(opening.lock);
    }
    expect(new Set(openings.map((event) => event.purpose))).toEqual(
      new Set(['home-care', 'night-patrol', 'alarm']),
    );
    const visits = only(events, 'visit');
    expect(visits.filter((event) => event.purpose === 'home-care' && event.isInside).length).toBeGreaterThan(
      20,
    );
    expect(only(events, 'alarm-raised').length).toBeGreaterThan(0);
    expect(only(events, 'alarm-answered').every((event) => event.responseSeconds >= 0)).toBe(true);
    // Batteries drain with each opening.
    const batteries = only(events, 'battery');
    const firstLock = batteries[0]!.lock;
    const levels = batteries.filter((event) => event.lock === firstLock).map((event) => event.percent);
    expect(levels.length).toBeGreaterThan(0);
    expect(simulation.lock(firstLock).battery.percent).toBeLessThanOrEqual(
      district.locks[firstLock - 1]!.batteryPercent,
    );
    // Locks learn the issuer's first list (version 1) from the keys' tickets.
    expect(
      only(events, 'block-list-learned').some((event) => event.version === 1 && event.via === 'ticket'),
    ).toBe(true);
    // The lock states a live view starts from agree with the last events per lock.
    const states = new Map(simulation.lockStates().map((state) => [state.lock, state]));
    expect(states.size).toBe(district.locks.length);
    const replaced = only(events, 'battery-replaced');
    for (const event of batteries) {
      const last = batteries.filter((b) => b.lock === event.lock).at(-1)!;
      const isReplacedSince = replaced.some((r) => r.lock === event.lock && r.at >= last.at);
      expect(states.get(event.lock)!.batteryPercent).toBe(isReplacedSince ? 100 : last.percent);
    }
    for (const event of only(events, 'block-list-learned'))
      expect(states.get(event.lock)!.blockListVersion).toBeGreaterThanOrEqual(event.version);
    // Lock records travelled lock → key → issuer, signatures verified there.
    const ended = only(events, 'shift-ended');
    expect(ended.reduce((n, event) => n + event.recordsUploaded, 0)).toBeGreaterThan(50);
    const lock = simulation.lock(openings.find((event) => event.isOpen)!.lock);
    expect(issuer.issuer.recordsOf(lock.deviceId).some((record) => record.kind === 'open-attempt')).toBe(
      true,
    );
  });

  it('starts the alarm patrol every shift of every day, ends each shift and answers alarms on later days', async () => {
    const { simulation, events, district } = await createTestRun({ alarmRate: 1 });
    await simulation.runUntil(testStart + 3 * 24 * hour);
    const alarmTeam = district.teams.find((team) => team.kind === 'alarm')!;
    const starts = only(events, 'shift-started').filter((event) => event.team === alarmTeam.id);
    // Three shifts a day, each with someone on it (two people per shift, five days on and two off).
    const shiftsStarted = new Set(
      starts.map((event) => `${Math.floor(event.at / (24 * hour))} ${event.shift}`),
    );
    expect(shiftsStarted.size).toBe(9);
    expect(starts.every((event) => event.mode === 'online')).toBe(true);
    // Every alarm shift ends (the key docks at the station) before its member's next one starts.
    const ended = only(events, 'shift-ended').filter((event) => event.team === alarmTeam.id);
    expect(ended.length).toBeGreaterThanOrEqual(starts.length - 3);
    expect(ended.reduce((n, event) => n + event.recordsUploaded, 0)).toBeGreaterThan(0);
    // Someone is always on duty, so every alarm is answered, on the third day too.
    expect(only(events, 'alarm-unanswered')).toEqual([]);
    const answered = only(events, 'alarm-answered');
    expect(answered.some((event) => event.at >= testStart + 2 * 24 * hour)).toBe(true);
  });

  it('starts (or reports) every rostered shift of every team, day after day', async () => {
    const { simulation, events, district } = await createTestRun();
    await simulation.runUntil(testStart + 3 * 24 * hour);
    const starts = only(events, 'shift-started');
    // Each start is made (none is reported as still on an earlier shift).
    expect(starts.filter((event) => event.mode !== 'online')).toEqual([]);
    for (let day = 0; day < 3; day++) {
      const dayStart = testStart + day * 24 * hour;
      for (const [t, team] of district.teams.entries())
        for (const shift of team.shifts) {
          const at = dayStart + shiftHours[shift].start;
          if (at >= testStart + 3 * 24 * hour) continue;
          const rostered = rosterFor(district, t, shift, dayStart / (24 * hour)).map(
            (s) => district.staff[s]!.id,
          );
          const started = starts
            .filter((event) => event.at === at && event.team === team.id)
            .map((event) => event.staff);
          expect({ team: team.name, day, shift, staff: started.sort() }).toEqual({
            team: team.name,
            day,
            shift,
            staff: rostered.sort(),
          });
        }
    }
  });

  it('refuses a lost key at a lock once that lock learned the block, and only then', async () => {
    const { simulation, events } = await createTestRun({
      losses: { count: 1, from: 8 * hour, until: 9 * hour },
    });
    // Locks learn from keys activated after the block: the evening shift, from 15:00. The lost key
    // was activated at 07:00 and stays activated for its 12-hour shift.
    await simulation.runUntil(testStart + 17.5 * hour);
    const blocked = only(events, 'key-blocked')[0]!;
    expect(blocked.ticketExpiresAt).not.toBeNull();
    const learned = new Set(
      only(events, 'block-list-learned')
        .filter((event) => event.version >= blocked.version || event.keys.includes(blocked.keyId))
        .map((event) => event.lock),
    );
    const notYet = blocked.locks.filter((lock) => !learned.has(lock));
    expect(learned.size).toBeGreaterThan(0);
    expect(notYet.length).toBeGreaterThan(0);
    // A finder tries the lost key (still activated for its shift) at every door it was granted.
    const lost = simulation.lostDevice(blocked.keyId)!;
    for (const lockNumber of blocked.locks) {
      const result = await lost.holder.openLock(simulation.lock(lockNumber));
      if (learned.has(lockNumber)) expect(result).toEqual({ isOpen: false, reason: 'key-blocked' });
      else expect(result).toEqual({ isOpen: true });
    }
  });

  it('never lets exposure exceed the ticket-expiry bound; after expiry every lock refuses the lost key', async () => {
    const validity = 24 * hour;
    const { simulation, events, clock } = await createTestRun({
      seed: 5,
      losses: { count: 3, from: 7 * hour, until: 20 * hour },
      issuer: { ticketValiditySeconds: validity },
    });
    const meter = new ExposureMeter();
    simulation.subscribe((event) => meter.observe(event));
    await simulation.runUntil(testStart + 20 * hour + validity + 60);
    const summary = meter.finish(clock.now());
    expect(summary.blocks).toBe(3);
    expect(summary.censored).toBe(0);
    expect(summary.locksRelevant).toBeGreaterThan(0);
    expect(summary.maxHours).toBeLessThanOrEqual(validity / hour);
    const blocks = only(events, 'key-blocked');
    for (const sample of meter.samples) {
      const block = blocks.find((b) => b.keyId === sample.keyId)!;
      expect(sample.seconds).toBeLessThanOrEqual(block.ticketExpiresAt! - block.at);
    }
    for (const block of blocks) {
      const lost = simulation.lostDevice(block.keyId)!;
      for (const lockNumber of block.locks) {
        const result = await lost.holder.openLock(simulation.lock(lockNumber));
        expect(result.isOpen).toBe(false);
      }
    }
  });
});
