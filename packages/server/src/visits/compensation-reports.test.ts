// The compensation run's reports over real HTTP on real PostgreSQL with a fixed clock
// (docs/visits.md "Compensation run", "Time given against granted"): public holidays in the
// weekend band, the PDF summary read back as text, time given against granted, and who may see
// which (a provider only its own, property owners nothing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, createUser, TestServer } from '../platform/testing';
import { readPdfText } from '../platform/pdf.testing';
import { startTestWorld, type TestWorld, type World } from '../platform/world.testing';
import { compensationCsv } from './compensation-presenter';

let now = new Date('2026-07-01T10:00:00Z');
let server: TestServer;
let world: World;
let municipalityId: string;
let municipalityName: string;
let admin: ApiClient;
let leadA: ApiClient;
let leadB: ApiClient;
let greta: string;
let secondStaffA: string;
/** Provider A's June runs, version 1 and 2; provider B's version 1. */
const runs: { a1: string; a2: string; b1: string } = { a1: '', a2: '', b1: '' };
let shortVisit: { id: string; version: number };

let login: TestWorld['login'];
const created = async (client: ApiClient, path: string, body: unknown) => {
  const response = await client.post(path, body);
  if (response.status !== 201)
    throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; version?: number };
};

beforeAll(async () => {
  ({ server, municipalityId, admin, world, login } = await startTestWorld({ now: () => now }));
  municipalityName = (
    await server.db.pool.query<{ name: string }>('SELECT name FROM municipality WHERE id = $1', [
      municipalityId,
    ])
  ).rows[0]!.name;
  leadA = await login('work_lead', { providerId: world.provider.a });
  leadB = await login('work_lead', { providerId: world.provider.b });
  secondStaffA = (
    await created(admin, '/api/v1/staff', {
      providerId: world.provider.a,
      givenName: 'Bo',
      familyName: 'Ek',
      employmentStartsOn: '2026-01-01',
    })
  ).id;
  greta = (
    await created(admin, '/api/v1/customers', {
      districtId: world.district.a,
      givenName: 'Greta',
      familyName: 'Lind',
    })
  ).id;
  await created(admin, '/api/v1/customer-services', {
    customerId: greta,
    service: 'home_care',
    providerId: world.provider.a,
    startsOn: '2026-01-01',
  });
  const granted = await admin.put('/api/v1/granted-time', [
    { customerId: world.customer.a, service: 'meals', month: '2026-06', minutes: 600 },
    { customerId: world.customer.a, service: 'personal_care', month: '2026-06', minutes: 60 },
    { customerId: greta, service: 'shower', month: '2026-06', minutes: 120 },
    { customerId: world.customer.b, service: 'meals', month: '2026-06', minutes: 300 },
  ]);
  expect(granted.status).toBe(200);
  // June 2026 in Stockholm is summer time (UTC+2). Provider A:
  const visit = (client: ApiClient, body: Record<string, unknown>) =>
    created(client, '/api/v1/visits', { staffMemberIds: [world.staffMember.a], ...body });
  // Thursday 18 June 09:00–09:30: day band, meals.
  const short = await visit(leadA, {
    customerId: world.customer.a,
    arrival: '2026-06-18T07:00:00Z',
    departure: '2026-06-18T07:30:00Z',
    services: ['meals'],
  });
  shortVisit = { id: short.id, version: short.version ?? 1 };
  // Midsommarafton, Friday 19 June 10:00–11:00, two staff: weekend band, 60 customer and 120 staff minutes.
  await visit(leadA, {
    customerId: world.customer.a,
    staffMemberIds: [world.staffMember.a, secondStaffA],
    arrival: '2026-06-19T08:00:00Z',
    departure: '2026-06-19T09:00:00Z',
    services: ['personal_care'],
  });
  // Monday 22 June 21:00–21:40: evening band, shower.
  await visit(leadA, {
    customerId: greta,
    arrival: '2026-06-22T19:00:00Z',
    departure: '2026-06-22T19:40:00Z',
    services: ['shower'],
  });
  // Tuesday 23 June 08:00–11:00: longer than the 120-minute limit, so held back until resolved.
  await visit(leadA, {
    customerId: greta,
    staffMemberIds: [secondStaffA],
    arrival: '2026-06-23T06:00:00Z',
    departure: '2026-06-23T09:00:00Z',
    services: ['shower'],
  });
  // Provider B: Thursday 18 June 09:00–09:45, meals.
  await visit(leadB, {
    customerId: world.customer.b,
    staffMemberIds: [world.staffMember.b],
    arrival: '2026-06-18T07:00:00Z',
    departure: '2026-06-18T07:45:00Z',
    services: ['meals'],
  });
  const first = await admin.post('/api/v1/compensation-runs', { month: '2026-06' });
  expect(first.status).toBe(201);
  const byProvider = (items: { id: string; providerId: string }[], providerId: string) =>
    items.find((r) => r.providerId === providerId)!.id;
  runs.a1 = byProvider(first.body.items, world.provider.a);
  runs.b1 = byProvider(first.body.items, world.provider.b);
  // After the lock date the municipality lengthens the Thursday visit to 45 minutes (a late
  // change), and runs provider A again: version 2.
  now = new Date('2026-07-10T10:00:00Z');
  const correction = await admin.post(`/api/v1/visits/${shortVisit.id}/corrections`, {
    version: shortVisit.version,
    reason: 'Glömde stämpla ut',
    departure: '2026-06-18T07:45:00Z',
  });
  expect(correction.status).toBe(200);
  const second = await admin.post('/api/v1/compensation-runs', {
    month: '2026-06',
    providerId: world.provider.a,
  });
  runs.a2 = second.body.items[0].id;
}, 120_000);
afterAll(async () => server?.close());

/** The strings drawn after `label`, up to the next `count`. */
function after(text: string[], label: string, count = 1): string[] {
  const at = text.indexOf(label);
  expect(at, `${label} in the PDF`).toBeGreaterThanOrEqual(0);
  return text.slice(at + 1, at + 1 + count);
}

describe('public holidays in a run', () => {
  it('pays midsommarafton in the weekend band, and in the day band when the municipality says eves do not count', async () => {
    const detail = await leadA.get(`/api/v1/compensation-runs/${runs.a2}`);
    const band = (service: string) =>
      detail.body.lines
        .filter((l: { service: string }) => l.service === service)
        .map((l: { band: string; staffMinutes: number; amountOre: number }) => [
          l.band,
          l.staffMinutes,
          l.amountOre,
        ]);
    // 120 staff minutes at the default weekend rate of 560 kr/h.
    expect(band('personal_care')).toEqual([['weekend', 120, 112_000]]);
    const off = await admin.patch('/api/v1/municipality', { settings: { compensationHolidayEves: false } });
    expect(off.status).toBe(200);
    try {
      const again = await admin.post('/api/v1/compensation-runs', {
        month: '2026-06',
        providerId: world.provider.a,
      });
      const third = await admin.get(`/api/v1/compensation-runs/${again.body.items[0].id}`);
      // Now an ordinary Friday: 120 staff minutes at the day rate of 450 kr/h.
      expect(
        third.body.lines
          .filter((l: { service: string }) => l.service === 'personal_care')
          .map((l: { band: string; amountOre: number }) => [l.band, l.amountOre]),
      ).toEqual([['day', 90_000]]);
      expect(third.body.run.version).toBe(3);
    } finally {
      const on = await admin.patch('/api/v1/municipality', { settings: { compensationHolidayEves: true } });
      expect(on.status).toBe(200);
    }
  });
});

describe('the PDF summary of a run', () => {
  it('states municipality, provider, month, version, hash and the totals per band, read back from the PDF', async () => {
    const detail = (await leadA.get(`/api/v1/compensation-runs/${runs.a2}`)).body;
    const file = await leadA.getBytes(`/api/v1/compensation-runs/${runs.a2}/summary.pdf`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="ersattning-2026-06-v2.pdf"');
    const pages = await readPdfText(file.bytes);
    expect(pages).toHaveLength(1);
    const text = pages[0]!;
    expect(text[0]).toBe('Ersättning för juni 2026');
    expect(after(text, 'Kommun')).toEqual([municipalityName]);
    expect(after(text, 'Utförare')).toEqual([detail.run.providerName]);
    expect(after(text, 'Månad')).toEqual(['2026-06']);
    expect(after(text, 'Körning')[0]).toMatch(/^version 2, körd \d{4}-\d{2}-\d{2} \d{2}:\d{2} av /);
    expect(after(text, 'Kontrollsumma (SHA-256)')).toEqual([detail.run.hash]);
    // Computed here by hand from the visits above, at the default rates (450, 520, 600, 560 kr/h):
    // day 45 min (the corrected Thursday) = 337,50 kr; evening 40 min = 346,67 kr; midsommarafton
    // 60 customer and 120 staff minutes = 1 120,00 kr; the 180-minute visit is held back.
    expect(after(text, 'Tidsband', 3)).toEqual(['Kundtid (min)', 'Personaltid (min)', 'Belopp']);
    expect(after(text, 'Dag', 3)).toEqual(['45', '45', '337,50 kr']);
    expect(after(text, 'Kväll', 3)).toEqual(['40', '40', '346,67 kr']);
    expect(after(text, 'Natt', 3)).toEqual(['0', '0', '0,00 kr']);
    expect(after(text, 'Helg', 3)).toEqual(['60', '120', '1 120,00 kr']);
    expect(after(text, 'Summa', 3)).toEqual(['145', '205', '1 804,17 kr']);
    expect(detail.run.totalAmountOre).toBe(180_417);
    expect(after(text, 'Antal kunder')).toEqual(['2']);
    expect(after(text, 'Innehållna besök (olösta avvikelser)')).toEqual(['1']);
    expect(after(text, 'Sena ändringar (efter låsdatum)')).toEqual(['1']);
    // Against version 1: the Thursday line changed from 30 to 45 minutes, +112,50 kr.
    expect(text).toContain('Jämfört med version 1');
    expect(after(text, 'Nya rader')).toEqual(['0']);
    expect(after(text, 'Borttagna rader')).toEqual(['0']);
    expect(after(text, 'Ändrade rader')).toEqual(['1']);
    expect(after(text, 'Ändring i belopp')).toEqual(['+112,50 kr']);
    expect(after(text, 'Belopp i version 1')).toEqual(['1 691,67 kr']);
  });

  it('says a first version has nothing to compare with, and is the same file each time', async () => {
    const first = await admin.getBytes(`/api/v1/compensation-runs/${runs.a1}/summary.pdf`);
    const text = (await readPdfText(first.bytes))[0]!;
    expect(text).toContain('Första versionen för månaden.');
    expect(after(text, 'Summa', 3)).toEqual(['130', '190', '1 691,67 kr']);
    expect(after(text, 'Sena ändringar (efter låsdatum)')).toEqual(['0']);
    const again = await admin.getBytes(`/api/v1/compensation-runs/${runs.a1}/summary.pdf`);
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
  });

  it('is not found for another provider’s run, an unknown run, and refused for bad ids', async () => {
    const foreign = await leadB.getBytes(`/api/v1/compensation-runs/${runs.a2}/summary.pdf`);
    const missing = await leadB.getBytes(
      '/api/v1/compensation-runs/00000000-0000-4000-8000-000000000000/summary.pdf',
    );
    expect([foreign.status, missing.status]).toEqual([404, 404]);
    expect(Buffer.from(foreign.bytes).toString()).toBe(Buffer.from(missing.bytes).toString());
    const bad = await leadA.get('/api/v1/compensation-runs/not-a-run/summary.pdf');
    expect([bad.status, bad.body.code]).toEqual([400, 'validation_failed']);
    // Its own run is there for provider B.
    expect((await leadB.getBytes(`/api/v1/compensation-runs/${runs.b1}/summary.pdf`)).status).toBe(200);
  });
});

describe('the CSV file of a run', () => {
  it('names each line’s service in Swedish words, as it names the band', async () => {
    const csv = await leadA.get(`/api/v1/compensation-runs/${runs.a2}/lines.csv`);
    expect(csv.status).toBe(200);
    const rows = (csv.body as string)
      .split('\r\n')
      .filter((line) => line !== '')
      .map((line) => line.split(';'));
    expect(rows[0]!.slice(4, 6)).toEqual(['Insats', 'Tidsband']);
    // Lines are in customer order, and the customers' ids are random: compared as a set.
    expect(
      rows
        .slice(1)
        .map((row) => row.slice(4, 6).join(' / '))
        .sort(),
    ).toEqual(['dusch / kväll', 'måltider / dag', 'personlig omvårdnad / helg']);
    // A visit that recorded no service.
    const detail = (await leadA.get(`/api/v1/compensation-runs/${runs.a2}`)).body;
    const unspecified = compensationCsv({ ...detail.run, createdAt: new Date(detail.run.createdAt) }, [
      { ...detail.lines[0], service: 'unspecified', band: 'night' },
    ]);
    expect(unspecified.split('\r\n')[1]!.split(';').slice(4, 6)).toEqual(['ej angiven', 'natt']);
  });
});

describe('time given against granted', () => {
  it('lists each customer and service of the month’s latest runs, largest shortfall first', async () => {
    const report = await admin.get('/api/v1/given-versus-granted?month=2026-06');
    expect(report.status).toBe(200);
    expect(
      report.body.runs.map((r: { providerId: string; version: number }) => [r.providerId, r.version]),
    ).toEqual(
      expect.arrayContaining([
        [world.provider.a, 3],
        [world.provider.b, 1],
      ]),
    );
    const row = (r: Record<string, unknown>) => [
      r.customerName,
      r.service,
      r.grantedMinutes,
      r.givenMinutes,
      r.differenceMinutes,
      r.givenPercent,
    ];
    // Given is customer time from the latest run: the corrected Thursday (45 of 600 meals), the
    // midsommarafton visit (60 of 60), Greta's evening shower (40 of 120; the 180-minute visit is
    // held back), provider B's Thursday (45 of 300).
    const karlA = report.body.items.find((r: { customerId: string }) => r.customerId === world.customer.a);
    const karlB = report.body.items.find((r: { customerId: string }) => r.customerId === world.customer.b);
    expect(report.body.items.map(row)).toEqual([
      [karlA.customerName, 'meals', 600, 45, -555, 8],
      [karlB.customerName, 'meals', 300, 45, -255, 15],
      ['Greta Lind', 'shower', 120, 40, -80, 33],
      [karlA.customerName, 'personal_care', 60, 60, 0, 100],
    ]);
    expect(karlB.providerId).toBe(world.provider.b);
  });

  it('shows a work lead only their own provider’s customers, whatever provider they name', async () => {
    const mine = await leadA.get('/api/v1/given-versus-granted?month=2026-06');
    expect(mine.status).toBe(200);
    expect(new Set(mine.body.items.map((r: { providerId: string }) => r.providerId))).toEqual(
      new Set([world.provider.a]),
    );
    expect(mine.body.items).toHaveLength(3);
    expect(mine.body.runs.map((r: { providerId: string }) => r.providerId)).toEqual([world.provider.a]);
    const theirs = await leadB.get(
      `/api/v1/given-versus-granted?month=2026-06&providerId=${world.provider.a}`,
    );
    expect([theirs.status, theirs.body.items, theirs.body.runs]).toEqual([200, [], []]);
    const narrowed = await admin.get(
      `/api/v1/given-versus-granted?month=2026-06&providerId=${world.provider.b}`,
    );
    expect(narrowed.body.items.map((r: { providerId: string }) => r.providerId)).toEqual([world.provider.b]);
    // A month without runs has nothing to show.
    expect((await admin.get('/api/v1/given-versus-granted?month=2026-05')).body).toEqual({
      month: '2026-05',
      runs: [],
      items: [],
    });
  });

  it('refuses a bad month or provider with a code', async () => {
    for (const query of [
      'month=2026-13',
      'month=juni',
      '',
      `month=2026-06&providerId=nope`,
      'month=2026-06&x=1',
    ]) {
      const response = await admin.get(`/api/v1/given-versus-granted?${query}`);
      expect([query, response.status, response.body.code]).toEqual([query, 400, 'validation_failed']);
    }
  });
});

describe('the reports in the role × scope matrix', () => {
  // Written out by hand, not derived from core's policy, so a wrong policy fails here. Provider
  // B's work lead is in the tests above (404 for A's run, nothing of A's in the report).
  const expected: Record<string, { pdf: number; report: number; rows: number }> = {
    municipality_admin: { pdf: 200, report: 200, rows: 4 },
    auditor: { pdf: 200, report: 200, rows: 4 },
    work_lead: { pdf: 200, report: 200, rows: 3 },
    support: { pdf: 403, report: 403, rows: 0 },
    lock_manager: { pdf: 403, report: 403, rows: 0 },
    installer: { pdf: 403, report: 403, rows: 0 },
    staff: { pdf: 403, report: 403, rows: 0 },
    property_owner: { pdf: 403, report: 403, rows: 0 },
  };
  for (const [role, cells] of Object.entries(expected))
    it(`${role}: summary PDF ${cells.pdf}, given against granted ${cells.report}`, async () => {
      const links = {
        work_lead: { providerId: world.provider.a },
        staff: { providerId: world.provider.a, staffMemberId: world.staffMember.a },
        property_owner: { propertyOwnerId: world.propertyOwner.a },
      }[role];
      const client = await login(role as Parameters<typeof createUser>[2], links ?? {});
      const pdf = await client.getBytes(`/api/v1/compensation-runs/${runs.a2}/summary.pdf`);
      expect(pdf.status).toBe(cells.pdf);
      if (pdf.status !== 200) expect(Buffer.from(pdf.bytes).toString()).not.toContain('%PDF');
      const report = await client.get('/api/v1/given-versus-granted?month=2026-06');
      expect(report.status).toBe(cells.report);
      if (report.status === 200) expect(report.body.items).toHaveLength(cells.rows);
    });
});
