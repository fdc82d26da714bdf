import { describe, expect, it } from 'vitest';
import { demoDistrictParameters } from './district-parameters';
import { generateDistrict } from './generate-district';
import { createSleepingPacer } from './simulation-clock';

describe('district generation', () => {
  it('gives the same district for a seed and a different one for another', () => {
    const district = generateDistrict(3, demoDistrictParameters);
    expect(generateDistrict(3, demoDistrictParameters)).toEqual(district);
    expect(generateDistrict(4, demoDistrictParameters)).not.toEqual(district);
  });

  it('gives every customer a door lock behind the entrance of their property, and each team the locks of its customers', () => {
    const district = generateDistrict(3, demoDistrictParameters);
    expect(district.customers).toHaveLength(demoDistrictParameters.customers);
    expect(new Set(district.locks.map((lock) => lock.number)).size).toBe(district.locks.length);
    for (const customer of district.customers) {
      const property = district.properties[customer.property]!;
      expect(district.locks[customer.doorLock - 1]).toMatchObject({
        kind: 'door',
        property: customer.property,
      });
      if (property.entranceLocks.length > 0) expect(property.entranceLocks).toContain(customer.entranceLock);
      else expect(customer.entranceLock).toBeUndefined();
      expect(customer.homeCare !== undefined || customer.hasSafetyAlarm).toBe(true);
    }
    for (const team of district.teams)
      for (const c of team.customers) expect(team.locks).toContain(district.customers[c]!.doorLock);
    expect(new Set(district.teams.map((team) => team.kind))).toEqual(
      new Set(['home-care', 'night-patrol', 'alarm']),
    );
  });
});

describe('sleeping pacer', () => {
  it('spends simulated seconds divided by the speed, in slices, and stops early', async () => {
    const slept: number[] = [];
    const pacer = createSleepingPacer({ speed: 144, sleep: async (ms) => void slept.push(ms), sliceMs: 250 });
    await pacer.wait(144);
    expect(slept).toEqual([250, 250, 250, 250]);
    let isStopped = false;
    const stopping = createSleepingPacer({
      speed: 1,
      sleep: async (ms) => {
        slept.push(ms);
        isStopped = true;
      },
      isStopped: () => isStopped,
    });
    slept.length = 0;
    await stopping.wait(3600);
    expect(slept).toHaveLength(1);
  });
});
