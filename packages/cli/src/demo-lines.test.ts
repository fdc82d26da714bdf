import { describe, expect, it } from 'vitest';
import { sayDemoEvent, type DemoNames } from './demo-lines';

// Friday 20 November 2026 (seed-demo's test day), fixed: never today's date.
const at = Date.UTC(2026, 10, 20, 23, 15) / 1000;
const names: DemoNames = {
  lockNameOf: (lock) =>
    ({ 1: 'PV-CR-000049, Bagaren 3 Port B', 2: 'PV-CR-000050, Bagaren 3 Lgh 1102' })[lock]!,
  staffNameOf: (id) => ({ 'a2f4c2e0-0000-4000-8000-000000000001': 'Anna Berg' })[id]!,
  teamNameOf: (id) => ({ 'b7d1e6f0-0000-4000-8000-000000000002': 'Larmgrupp Dag' })[id]!,
};
const staff = 'a2f4c2e0-0000-4000-8000-000000000001';
const team = 'b7d1e6f0-0000-4000-8000-000000000002';
const keyId = 'c37dbc1a97e24c94882400a634e4faa9';

describe('the demo’s lines', () => {
  it('name locks as the console does (serial, property and door), never by the simulation’s numbers', () => {
    const refused = sayDemoEvent(
      {
        type: 'opening',
        at,
        lock: 1,
        property: 'p',
        staff,
        holder: 'phone',
        keyId,
        purpose: 'night-patrol',
        isOpen: false,
        reason: 'wrong-lock',
      },
      names,
      Infinity,
    );
    expect(refused).toBe(
      '[2026-11-20 23:15] lock PV-CR-000049, Bagaren 3 Port B: refused the phone of Anna Berg (wrong-lock, night-patrol)',
    );
    expect(sayDemoEvent({ type: 'battery-replaced', at, lock: 2 }, names, Infinity)).toBe(
      '[2026-11-20 23:15] battery replaced in lock PV-CR-000050, Bagaren 3 Lgh 1102',
    );
    expect(
      sayDemoEvent(
        { type: 'block-list-learned', at, lock: 1, version: 5, keys: [], via: 'ticket' },
        names,
        5,
      ),
    ).toBe(
      '[2026-11-20 23:15] lock PV-CR-000049, Bagaren 3 Port B: learned block list version 5 (via ticket)',
    );
  });

  it('show key ids as the console does (a UUID) and people by name', () => {
    expect(sayDemoEvent({ type: 'key-lost', at, staff, holder: 'phone', keyId }, names, Infinity)).toBe(
      '[2026-11-20 23:15] a phone of Anna Berg was lost (key c37dbc1a-97e2-4c94-8824-00a634e4faa9)',
    );
  });

  it('say whose shift did not start and why', () => {
    const line = sayDemoEvent(
      {
        type: 'shift-started',
        at,
        staff,
        team,
        shift: 'day',
        holder: 'key',
        keyId,
        mode: 'refused',
        reason: 'still on the day shift',
        blockListVersion: 5,
      },
      names,
      Infinity,
    );
    expect(line).toBe(
      '[2026-11-20 23:15] day shift start refused for Anna Berg (Larmgrupp Dag): still on the day shift',
    );
  });
});
