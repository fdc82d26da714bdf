import { describe, expect, it } from 'vitest';
import { parseBreakGlassOpeningId, selectBreakGlassOpenings, toBreakGlassOpeningId } from './break-glass';

const at = (time: string) => Date.parse(`2026-03-02T${time}:00Z`);
const device = '0b6c4a0e-2f1d-4c47-9a55-3d1f1e0c2b11';
const window = {
  customerId: 'c1',
  providerId: 'p-larm',
  windowStartsAt: at('10:00'),
  windowEndsAt: at('11:00'),
};

describe('break-glass openings', () => {
  it('keeps openings only a break-glass window allowed, once per record', () => {
    const candidates = [
      { ...window, deviceId: device, sequence: '7', occurredAt: at('10:05') },
      // The same record in a second, overlapping window (a second alarm): listed once.
      { ...window, windowStartsAt: at('10:03'), deviceId: device, sequence: '7', occurredAt: at('10:05') },
      // Within a planned visit of the same provider (10:40 with 15 minutes' margin): not flagged.
      { ...window, deviceId: device, sequence: '8', occurredAt: at('10:30') },
    ];
    const planned = [
      { customerId: 'c1', providerId: 'p-larm', startsAt: at('10:40'), endsAt: at('11:10') },
      // Another provider's planned visit allows nothing for the alarm provider.
      { customerId: 'c1', providerId: 'p-nord', startsAt: at('10:00'), endsAt: at('10:10') },
    ];
    expect(selectBreakGlassOpenings(candidates, planned, 15)).toEqual([candidates[0]]);
    expect(selectBreakGlassOpenings(candidates, [], 15).map((c) => c.sequence)).toEqual(['7', '8']);
  });

  it('names an opening by its lock record and reads the name back', () => {
    const id = toBreakGlassOpeningId(device, 42);
    expect(id).toBe(`${device}.42`);
    expect(parseBreakGlassOpeningId(id)).toEqual({ deviceId: device, sequence: '42' });
    for (const bad of ['', `${device}.`, `${device}.x`, 'nope.1', `${device}.1.2`])
      expect(parseBreakGlassOpeningId(bad)).toBe(undefined);
  });
});
