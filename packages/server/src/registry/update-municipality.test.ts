// PATCH /api/v1/municipality changes only the settings it names: two administrators changing
// different settings at the same moment both keep their change (the row is read locked before the
// merge, update-municipality.ts), and the audit entry's `before` is the row each change replaced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raceBehindRowLock } from '../platform/lock-race.testing';
import type { ApiClient, TestServer } from '../platform/testing';
import { startTestMunicipality } from '../platform/world.testing';

let server: TestServer;
let municipalityId: string;
let admin: ApiClient;
let otherAdmin: ApiClient;

beforeAll(async () => {
  const started = await startTestMunicipality({ now: () => new Date('2026-03-10T09:00:00Z') });
  ({ server, municipalityId, admin } = started);
  otherAdmin = await started.login('municipality_admin');
}, 120_000);
afterAll(async () => server?.close());

describe('concurrent changes of the municipality settings', () => {
  it('keeps both of two changes of different settings made at the same moment', async () => {
    // Both requests pause where they first need the row: without the read lock both have read the
    // old settings by then and wait to write them back with only their own change merged in.
    const answers = await raceBehindRowLock(
      server,
      { sql: 'SELECT 1 FROM municipality WHERE id = $1 FOR NO KEY UPDATE', values: [municipalityId] },
      [
        () => admin.patch('/api/v1/municipality', { settings: { batteryThresholdPercent: 30 } }),
        () => otherAdmin.patch('/api/v1/municipality', { settings: { emergencySlaMinutes: 90 } }),
      ],
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    const { body } = await admin.get('/api/v1/municipality');
    expect(body.settings).toMatchObject({ batteryThresholdPercent: 30, emergencySlaMinutes: 90 });
    // The later change's audit entry saw the earlier one as `before`.
    const { rows } = await server.db.superuser.query<{ before: { settings: Record<string, unknown> } }>(
      `SELECT before FROM audit_entry WHERE entity = 'municipality' AND entity_id = $1 AND action = 'update'
        ORDER BY id`,
      [municipalityId],
    );
    expect(rows.map((row) => Object.keys(row.before.settings).length)).toEqual([0, 1]);
  });
});
