// The support hours setting over real HTTP (docs/support.md "Support hours"): hours that could not
// be kept (until at or before from) are refused with a stable code naming the field and nothing is
// stored, instead of being stored and silently replaced by the default; round-the-clock hours are
// written with until 24:00. Once round-the-clock support is established (roundTheClockSupportSince,
// R8.3) support never closes from that local day on, whatever the hours say.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { startTestMunicipality } from '../platform/world.testing';

/** Sunday 7 March 2027, 23:00 in Stockholm: outside the default hours. */
const sundayNight = new Date('2027-03-07T22:00:00Z');
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

const caseCount = async () =>
  Number((await server.db.pool.query('SELECT count(*) FROM support_case')).rows[0].count);
const raise = () => admin.post('/api/v1/support-cases', { category: 'other', title: 'Porten kärvar' });
const establish = async (since: string | null) =>
  expect(
    (await admin.patch('/api/v1/municipality', { settings: { roundTheClockSupportSince: since } })).status,
  ).toBe(200);

describe('round-the-clock support on a Sunday at 23:00', () => {
  it('refuses a case the day before it is established, with the closed refusal, storing nothing', async () => {
    await establish('2027-03-08');
    const before = await caseCount();
    const refused = await raise();
    expect([refused.status, refused.body.code]).toEqual([422, 'outside_support_hours']);
    expect(refused.body.message).toMatch(/^Supporten är stängd\./);
    // It opens at the local midnight round-the-clock support starts, before Monday's 08:00.
    expect(refused.body.details).toMatchObject({ nextOpening: '2027-03-07T23:00:00.000Z' });
    expect(await caseCount()).toBe(before);
    expect((await admin.get('/api/v1/support-hours')).body).toMatchObject({
      isOpen: false,
      isRoundTheClock: false,
      nextOpening: '2027-03-07T23:00:00.000Z',
    });
  });

  it('accepts a case once established that day or earlier, with no next opening', async () => {
    try {
      for (const since of ['2027-03-07', '2026-12-01']) {
        await establish(since);
        const raised = await raise();
        expect(raised.status, `${since}: ${JSON.stringify(raised.body)}`).toBe(201);
        expect((await admin.get('/api/v1/support-hours')).body, since).toMatchObject({
          isOpen: true,
          isRoundTheClock: true,
          from: '08:00',
          until: '17:00',
          nextOpening: null,
        });
      }
    } finally {
      await establish(null);
    }
  });
});

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
      isRoundTheClock: true,
      nextOpening: null,
      from: '00:00',
      until: '24:00',
      weekdays: [1, 2, 3, 4, 5, 6, 7],
    });
  });
});
