// Battery readings for tests: lock records written into the event log through the COPY path
// ingest uses (not produced by simulated locks), falling in a straight line to `until`, with
// whatever noise or outliers the test gives. The lock's latest level is set to match.
import { copyEventRows, updateLockBatteries, withTransaction, type DeviceEventRow } from '@portvakt/storage';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';

const dayMs = 86_400_000;

export interface BatteryReadings {
  municipalityId: string;
  lockId: string;
  doorId: string;
  /** The instant of the last reading. */
  until: Date;
  days: number;
  readingsPerDay: number;
  /** The level `days` before `until`, falling `perDay` per day. */
  level: number;
  perDay: number;
  /** The reported level of reading `index`, given the straight line's level there. */
  report?: (index: number, onLine: number) => number;
}

export async function storeBatteryReadings(pool: pg.Pool, readings: BatteryReadings): Promise<void> {
  const { readingsPerDay, days, level, perDay } = readings;
  const report = readings.report ?? ((_index: number, onLine: number) => Math.round(onLine));
  const deviceId = randomUUID();
  const rows: DeviceEventRow[] = [];
  for (let n = 0; n < days * readingsPerDay; n += 1) {
    const at = new Date(readings.until.getTime() - (days - n / readingsPerDay) * dayMs);
    rows.push({
      municipalityId: readings.municipalityId,
      deviceId,
      sequence: n + 1,
      occurredAt: at,
      deviceTime: at,
      receivedAt: at,
      kind: 1,
      result: 0,
      reason: 0,
      battery: report(n, level - (n / readingsPerDay) * perDay),
      keyId: null,
      staffPseudonym: null,
      lockNumber: null,
      lockDeviceId: readings.lockId,
      doorId: readings.doorId,
      source: 'sync_station',
      record: new Uint8Array([n % 256]),
    });
  }
  await withTransaction(pool, async (client) => {
    await copyEventRows(client, rows);
    await updateLockBatteries(client, readings.municipalityId, [
      { lockDeviceId: readings.lockId, battery: Math.round(level - days * perDay) },
    ]);
  });
}
