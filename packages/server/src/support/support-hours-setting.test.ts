// The support hours setting over real HTTP (docs/support.md "Support hours"): hours that could not
// be kept (until at or before from) are refused with a stable code naming the field and nothing is
// stored, instead of being stored and silently replaced by the default; round-the-clock hours are
// written with until 24:00.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { startTestMunicipality } from '../platform/world.testing';

/** Sunday 7 March 2027, 23:50 in Stockholm: outside the default hours. */
const sundayNight = new Date('2027-03-07T22:50:00Z');
let server: TestServer;
let admin: ApiClient;
let municipalityId: string;

const storedSettings = async () =>
  (await server.db.pool.query('SELECT settings FROM municipality WHERE id = $1', [municipalityId])).rows[0]
    .settings as Record<string, unknown>;
const setHours = (supportHours: Record<string, unknown>) =>
  admin.patch('/api/v1/municipality', { settings: { supportHours } });

beforeAll(async () => {
  ({ server, admin, municipalityId } = await startTestMunicipality({ now: () => sundayNight }));
}, 120_000);
afterAll(async () => server?.close());

describe('the support hours setting', () => {
  it('refuses hours whose end is not after their start, naming the field and storing nothing', async () => {
    const before = await storedSettings();
    const everyDay = [1, 2, 3, 4, 5, 6, 7];
    for (const [from, until] of [
      ['17:00', '08:00'],
      ['08:00', '08:00'],
    ]) {
      const refused = await setHours({ from, until, weekdays: everyDay });
      expect([refused.status, refused.body.code], `${from}–${until}`).toEqual([
        422,
        'support_hours_reversed',
      ]);
      expect(refused.body.details).toEqual({ field: 'settings.supportHours.until' });
    }
    expect(await storedSettings()).toEqual(before);
    // The answer still says the default, as nothing was stored.
    expect((await admin.get('/api/v1/support-hours')).body).toMatchObject({
      from: '08:00',
      until: '17:00',
      weekdays: [1, 2, 3, 4, 5],
    });
    // A window cannot start at the end of the day.
    const lateStart = await setHours({ from: '24:00', until: '24:00', weekdays: everyDay });
    expect(lateStart.status).toBe(400);
    expect(await storedSettings()).toEqual(before);
  });

  it('keeps support open round the clock with until 24:00', async () => {
    const saved = await setHours({ from: '00:00', until: '24:00', weekdays: [1, 2, 3, 4, 5, 6, 7] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await admin.get('/api/v1/support-hours')).body).toMatchObject({
      isOpen: true,
      from: '00:00',
      until: '24:00',
      weekdays: [1, 2, 3, 4, 5, 6, 7],
    });
  });
});
