import { decodeEventRecord } from '@portvakt/protocol';
import { describe, expect, it } from 'vitest';
import { createTestSite } from './testing';

describe('lock battery', () => {
  it('drains per opening, warns once when low, and refuses when empty until replaced', async () => {
    const site = await createTestSite({ batteryCapacity: 2000 });
    const { keyA, box, lock } = site;
    await box.activate(keyA, '1234');
    const before = lock.battery.percent;
    expect(await keyA.openLock(lock)).toEqual({ isOpen: true });
    expect(lock.battery.percent).toBeLessThan(before);
    let opened = 1;
    while ((await keyA.openLock(lock)).isOpen) opened++;
    expect(opened).toBeGreaterThan(10);
    expect(lock.records.map(decodeEventRecord).filter((r) => r.kind === 'battery-low')).toHaveLength(1);
    lock.replaceBattery();
    expect(await keyA.openLock(lock)).toEqual({ isOpen: true });
    // Refusals for an empty battery carry no verified identity: counted, written before the next record.
    expect(lock.records.map(decodeEventRecord).find((r) => r.reason === 'battery-empty')).toMatchObject({
      kind: 'open-attempt',
      verified: false,
      count: 1,
    });
  });

  it('corrects a slow clock forward from a fresh ticket and records the correction', async () => {
    const site = await createTestSite({ clockOffsetSeconds: -900 });
    const { keyA, box, lock, world } = site;
    await box.activate(keyA, '1234');
    expect(await keyA.openLock(lock)).toEqual({ isOpen: true });
    expect(lock.clock.now()).toBeGreaterThanOrEqual(world.now() - 1);
    expect(lock.records.map(decodeEventRecord).map((r) => r.kind)).toContain('clock-corrected');
  });
});
