// A key may only be handed to someone still employed, judged on the municipality's local day:
// half an hour after Stockholm's midnight, an employment that ended "yesterday" has ended, though
// the UTC date is still that day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { startTestMunicipality } from '../platform/world.testing';

// 00:30 on 4 March in Stockholm (CET, UTC+1); the UTC date is still 3 March.
const now = new Date('2026-03-03T23:30:00Z');

let server: TestServer;
let admin: ApiClient;
let providerId: string;

beforeAll(async () => {
  const started = await startTestMunicipality({ now: () => now });
  ({ server, admin } = started);
  const provider = await admin.post('/api/v1/providers', {
    name: 'Omsorg Nattetid AB',
    ownership: 'private',
    kinds: ['day_home_care'],
  });
  expect(provider.status).toBe(201);
  providerId = provider.body.id;
});
afterAll(async () => server?.close());

async function addStaff(employmentEndsOn: string): Promise<string> {
  const staff = await admin.post('/api/v1/staff', {
    providerId,
    givenName: 'Greta',
    familyName: `Lund ${employmentEndsOn}`,
    employmentStartsOn: '2026-01-01',
    employmentEndsOn,
  });
  expect(staff.status).toBe(201);
  return staff.body.id;
}

const keyFor = (holderStaffMemberId: string, serial: string) =>
  admin.post('/api/v1/keys', { providerId, kind: 'hardware_key', serial, holderStaffMemberId });

describe('handing a key to a staff member just after midnight', () => {
  it('refuses someone whose employment ended the day before, by the local day', async () => {
    const holder = await addStaff('2026-03-03');
    const refused = await keyFor(holder, 'PV-K-ENDED-0303');
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'employment_ended' });
    const { rowCount } = await server.db.pool.query('SELECT 1 FROM digital_key WHERE serial = $1', [
      'PV-K-ENDED-0303',
    ]);
    expect(rowCount).toBe(0);
  });

  it('hands a key to someone whose last day is today', async () => {
    const holder = await addStaff('2026-03-04');
    const created = await keyFor(holder, 'PV-K-LAST-0304');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ holderStaffMemberId: holder, status: 'active' });
  });
});
