// The compensation rates a municipality sets (docs/visits.md "Settings") over real HTTP on real
// PostgreSQL with a fixed clock: a table a run could not price every day from is refused when it
// is set and changes nothing, and a run over a month a stored table leaves a day of (settings
// from before the check) is a 422 naming the day and band, never a 500.
import { countEveryTable } from '@portvakt/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { startTestWorld } from '../platform/world.testing';

let server: TestServer;
let municipalityId: string;
let admin: ApiClient;

beforeAll(async () => {
  const started = await startTestWorld({ now: () => new Date('2026-12-10T10:00:00Z') });
  ({ server, municipalityId, admin } = started);
  // Provider A's visits on days the bad tables below leave without a day rate (Mondays and a
  // Thursday, 09:00 local), and on the day two of them overlap.
  for (const day of ['2026-11-02', '2026-11-11', '2026-11-12']) {
    const visit = await admin.post('/api/v1/visits', {
      customerId: started.world.customer.a,
      staffMemberIds: [started.world.staffMember.a],
      arrival: `${day}T08:00:00Z`,
      departure: `${day}T08:30:00Z`,
      services: ['meals'],
    });
    if (visit.status !== 201) throw new Error(JSON.stringify(visit.body));
  }
}, 120_000);
afterAll(async () => server?.close());

type Rate = { band: string; perHour: number; validFrom: string; validTo: string | null };
/** Evening, night and weekend open-ended from 2026-01-01, and the day rates as given. */
const withDayRates = (...day: Array<Omit<Rate, 'band'>>): Rate[] => [
  ...day.map((rate) => ({ band: 'day', ...rate })),
  ...[
    { band: 'evening', perHour: 520 },
    { band: 'night', perHour: 600 },
    { band: 'weekend', perHour: 560 },
  ].map((rate) => ({ ...rate, validFrom: '2026-01-01', validTo: null })),
];
const reversed = withDayRates({ perHour: 450, validFrom: '2026-11-30', validTo: '2026-11-01' });
const gap = withDayRates(
  { perHour: 450, validFrom: '2026-01-01', validTo: '2026-11-10' },
  { perHour: 460, validFrom: '2026-11-15', validTo: null },
);
const overlapping = withDayRates(
  { perHour: 450, validFrom: '2026-01-01', validTo: '2026-11-11' },
  { perHour: 460, validFrom: '2026-11-11', validTo: null },
);

const storedSettings = async () =>
  (
    await server.db.superuser.query<{ settings: Record<string, unknown> }>(
      'SELECT settings FROM municipality WHERE id = $1',
      [municipalityId],
    )
  ).rows[0]!.settings;

describe('setting compensation rates', () => {
  it('refuses a reversed period, a gap and an overlap with a code naming the band and day, changing nothing', async () => {
    const before = await countEveryTable(server.db.superuser);
    const settingsBefore = await storedSettings();
    const cases: Array<[Rate[], string, Record<string, string>]> = [
      [
        reversed,
        'ends_before_start',
        { field: 'settings.compensationRates.0.validTo', band: 'day', day: '2026-11-01' },
      ],
      [
        gap,
        'no_rate_for_day',
        { field: 'settings.compensationRates.1.validFrom', band: 'day', day: '2026-11-11' },
      ],
      [
        overlapping,
        'overlapping_rates',
        { field: 'settings.compensationRates.1.validFrom', band: 'day', day: '2026-11-11' },
      ],
    ];
    for (const [compensationRates, code, details] of cases) {
      const response = await admin.patch('/api/v1/municipality', { settings: { compensationRates } });
      expect([response.status, response.body.code, response.body.details]).toEqual([422, code, details]);
    }
    expect(await storedSettings()).toEqual(settingsBefore);
    expect(await countEveryTable(server.db.superuser)).toEqual(before);
  });

  it('takes amounts in whole öre only', async () => {
    const settingsBefore = await storedSettings();
    const response = await admin.patch('/api/v1/municipality', {
      settings: {
        compensationRates: withDayRates({ perHour: 450.005, validFrom: '2026-01-01', validTo: null }),
      },
    });
    expect([response.status, response.body.code]).toEqual([400, 'validation_failed']);
    expect(response.body.details).toEqual([
      {
        field: 'body.settings.compensationRates.0.perHour',
        problem: 'multipleOf',
        message: 'must be in whole öre (at most two decimals)',
      },
    ]);
    expect(await storedSettings()).toEqual(settingsBefore);
    const whole = await admin.patch('/api/v1/municipality', {
      settings: {
        compensationRates: withDayRates(
          { perHour: 450.5, validFrom: '2026-01-01', validTo: '2026-11-10' },
          { perHour: 460.25, validFrom: '2026-11-11', validTo: null },
        ),
      },
    });
    expect(whole.status).toBe(200);
    expect(whole.body.settings.compensationRates[1]).toEqual({
      band: 'day',
      perHour: 460.25,
      validFrom: '2026-11-11',
      validTo: null,
    });
  });
});

describe('a run over a month the stored rates cannot price', () => {
  it('is a 422 naming the first day and band without one rate, and stores nothing', async () => {
    const cases: Array<[Rate[], string, string]> = [
      [reversed, 'no_rate_for_day', '2026-11-01'],
      [gap, 'no_rate_for_day', '2026-11-11'],
      [overlapping, 'overlapping_rates', '2026-11-11'],
    ];
    for (const [compensationRates, code, day] of cases) {
      // Stored as a municipality set before the table was checked.
      await server.db.superuser.query(
        `UPDATE municipality SET settings = settings || jsonb_build_object('compensationRates', $2::jsonb) WHERE id = $1`,
        [municipalityId, JSON.stringify(compensationRates)],
      );
      const before = await countEveryTable(server.db.superuser);
      const response = await admin.post('/api/v1/compensation-runs', { month: '2026-11' });
      expect([response.status, response.body.code, response.body.details]).toEqual([
        422,
        code,
        { field: 'settings.compensationRates', band: 'day', day },
      ]);
      expect(response.body.message).toContain(day);
      expect(await countEveryTable(server.db.superuser)).toEqual(before);
    }
    // October is whole in the gap's table: that month runs.
    await server.db.superuser.query(
      `UPDATE municipality SET settings = settings || jsonb_build_object('compensationRates', $2::jsonb) WHERE id = $1`,
      [municipalityId, JSON.stringify(gap)],
    );
    expect((await admin.post('/api/v1/compensation-runs', { month: '2026-10' })).status).toBe(201);
  });
});
