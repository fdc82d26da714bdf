// Visits over real HTTP on real PostgreSQL with a fixed clock (docs/visits.md): registration,
// corrections as versions, declines, the month's lock date, scope, and bad input answered 4xx
// with a code and nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createUser, testPassword, type TestServer } from '../platform/testing';
import { startTestWorld, type World } from '../platform/world.testing';
import { compensationCsv } from './compensation-presenter';
import { hashRun } from './create-compensation-runs';
import { readPdfText } from '../platform/pdf.testing';

let now = new Date('2026-03-10T12:00:00Z');
let server: TestServer;
let world: World;
let admin: ApiClient;
let leadA: ApiClient;
let leadB: ApiClient;
let owner: ApiClient;
let visitId: string;

const march = '?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z';
const visitBody = (overrides: Record<string, unknown> = {}) => ({
  customerId: world.customer.a,
  staffMemberIds: [world.staffMember.a],
  arrival: '2026-03-02T08:00:00Z',
  departure: '2026-03-02T08:30:00Z',
  services: ['meals', 'medication'],
  ...overrides,
});
const countVersions = async () =>
  Number((await server.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM visit')).rows[0]!.n);

beforeAll(async () => {
  const started = await startTestWorld({ now: () => now });
  ({ server, admin, world } = started);
  const { login } = started;
  leadA = await login('work_lead', { providerId: world.provider.a });
  leadB = await login('work_lead', { providerId: world.provider.b });
  owner = await login('property_owner', { propertyOwnerId: world.propertyOwner.a });
}, 120_000);
afterAll(async () => server?.close());

describe('visits API', () => {
  it('registers a visit afterwards and shows it only inside the provider’s scope', async () => {
    const created = await leadA.post('/api/v1/visits', visitBody());
    expect(created.status).toBe(201);
    visitId = created.body.id;
    const mine = await leadA.get(`/api/v1/visits${march}`);
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        id: visitId,
        version: 1,
        source: 'manual',
        state: 'registered',
        minutes: 30,
        services: ['meals', 'medication'],
        customerName: 'Karl Berg',
      }),
    ]);
    expect((await leadB.get(`/api/v1/visits${march}`)).body.items).toEqual([]);
    expect((await admin.get(`/api/v1/visits${march}`)).body.items).toHaveLength(1);
    // Another provider's work lead gets the same 404 as for a visit that does not exist.
    const foreign = await leadB.get(`/api/v1/visits/${visitId}`);
    const missing = await leadB.get('/api/v1/visits/00000000-0000-4000-8000-000000000000');
    expect([foreign.status, foreign.body]).toEqual([missing.status, missing.body]);
    expect((await owner.get(`/api/v1/visits${march}`)).status).toBe(403);
  });

  it('refuses bad registrations with a code and changes nothing', async () => {
    const before = await countVersions();
    const refused = async (body: Record<string, unknown>, status: number, code: string) => {
      const response = await leadA.post('/api/v1/visits', visitBody(body));
      expect([response.status, response.body.code]).toEqual([status, code]);
    };
    await refused({ departure: '2026-03-02T07:59:00Z' }, 422, 'reversed_times');
    await refused({ arrival: '2026-03-11T08:00:00Z', departure: null }, 422, 'visit_in_future');
    await refused({ customerId: world.customer.b }, 422, 'customer_not_served');
    await refused({ staffMemberIds: [world.staffMember.b] }, 422, 'staff_not_of_provider');
    await refused(
      { arrival: '2026-03-02T08:15:00Z', departure: '2026-03-02T08:45:00Z' },
      409,
      'overlapping_visit',
    );
    await refused({ services: ['gardening'] }, 400, 'validation_failed');
    expect(await countVersions()).toBe(before);
  });

  it('corrects as a new version with the reason and keeps the original; a stale version is refused', async () => {
    const corrected = await leadA.post(`/api/v1/visits/${visitId}/corrections`, {
      version: 1,
      reason: 'Stämplade ut för sent',
      departure: '2026-03-02T08:20:00Z',
    });
    expect(corrected.body).toEqual({ id: visitId, version: 2 });
    const stale = await leadA.post(`/api/v1/visits/${visitId}/corrections`, {
      version: 1,
      reason: 'Andra försöket',
      departure: '2026-03-02T08:25:00Z',
    });
    expect([stale.status, stale.body.code, stale.body.details]).toEqual([
      409,
      'version_conflict',
      { currentVersion: 2 },
    ]);
    const detail = await leadA.get(`/api/v1/visits/${visitId}`);
    expect(detail.body.visit).toMatchObject({ version: 2, state: 'corrected', minutes: 20 });
    expect(detail.body.versions).toEqual([
      expect.objectContaining({ version: 1, departure: '2026-03-02T08:30:00.000Z', reason: null }),
      expect.objectContaining({
        version: 2,
        departure: '2026-03-02T08:20:00.000Z',
        reason: 'Stämplade ut för sent',
      }),
    ]);
    expect(detail.body.versions[0].supersededBy).toMatch(/^work-lead-/);
    // Each version names its own staff, so a history reads who was there in that version.
    expect(detail.body.visit.staffNames).toHaveLength(1);
    expect(detail.body.versions.map((v: { staffNames: string[] }) => v.staffNames)).toEqual([
      detail.body.visit.staffNames,
      detail.body.visit.staffNames,
    ]);
    // …and who made it by name where the account has one (the work lead's display name).
    expect(detail.body.versions.map((v: { createdByName: string | null }) => v.createdByName)).toEqual([
      'Test work_lead',
      'Test work_lead',
    ]);
    const audit = await admin.get('/api/v1/audit?entity=visit');
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual(['correct', 'create']);
    // Another provider cannot correct it, and learns nothing from trying.
    const foreign = await leadB.post(`/api/v1/visits/${visitId}/corrections`, {
      version: 2,
      reason: 'Fel kund',
      departure: null,
    });
    expect(foreign.status).toBe(404);
  });

  it('records a declined visit with the customer’s reason: no customer time', async () => {
    const declined = await leadA.post(`/api/v1/visits/${visitId}/decline`, {
      version: 2,
      reason: 'Kunden ville inte',
    });
    expect(declined.body).toEqual({ id: visitId, version: 3 });
    const detail = await leadA.get(`/api/v1/visits/${visitId}`);
    expect(detail.body.visit).toMatchObject({
      state: 'declined',
      declinedReason: 'Kunden ville inte',
      services: [],
    });
  });

  it('declines a visit without a departure as it is: no departure made up, no exception left', async () => {
    // In May, outside the month the other tests count.
    now = new Date('2026-05-10T12:00:00Z');
    try {
      const open = await leadA.post(
        '/api/v1/visits',
        visitBody({ arrival: '2026-05-04T08:00:00Z', departure: null }),
      );
      expect(open.status).toBe(201);
      const day = '?from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z';
      const before = (await leadA.get(`/api/v1/visit-exceptions${day}`)).body.items;
      expect(before.map((e: { code: string }) => e.code)).toContain('no_departure');
      const declined = await leadA.post(`/api/v1/visits/${open.body.id}/decline`, {
        version: 1,
        reason: 'Registrerad av misstag',
      });
      expect(declined.status).toBe(200);
      const detail = await leadA.get(`/api/v1/visits/${open.body.id}`);
      // Declined, it counts no time: 0 minutes, as relatives' list and billing say.
      expect(detail.body.visit).toMatchObject({ state: 'declined', departure: null, minutes: 0 });
      expect(detail.body.versions.map((v: { departure: string | null }) => v.departure)).toEqual([
        null,
        null,
      ]);
      expect((await leadA.get(`/api/v1/visit-exceptions${day}`)).body.items).toEqual([]);
      // Counted again only with a departure of its own.
      const corrected = await leadA.post(`/api/v1/visits/${open.body.id}/corrections`, {
        version: 2,
        reason: 'Besöket blev av',
      });
      expect([corrected.status, corrected.body.code, corrected.body.details]).toEqual([
        422,
        'departure_required',
        { field: 'departure' },
      ]);
      // With one it counts again, with the care registered before the decline (not `unspecified`).
      const counted = await leadA.post(`/api/v1/visits/${open.body.id}/corrections`, {
        version: 2,
        reason: 'Besöket blev av',
        departure: '2026-05-04T08:30:00Z',
      });
      expect(counted.status).toBe(200);
      const after = await leadA.get(`/api/v1/visits/${open.body.id}`);
      expect(after.body.visit).toMatchObject({
        state: 'corrected',
        services: ['meals', 'medication'],
        minutes: 30,
      });
    } finally {
      now = new Date('2026-03-10T12:00:00Z');
    }
  });

  it('voids a visit registered by mistake: it counts nothing, and relatives never see it', async () => {
    // In June, outside the months the other tests count.
    now = new Date('2026-07-03T12:00:00Z');
    try {
      const june = '?from=2026-06-01T00:00:00Z&to=2026-07-01T00:00:00Z';
      const mistaken = await leadA.post(
        '/api/v1/visits',
        visitBody({ arrival: '2026-06-01T08:00:00Z', departure: '2026-06-01T08:30:00Z' }),
      );
      const declined = await leadA.post(
        '/api/v1/visits',
        visitBody({ arrival: '2026-06-02T08:00:00Z', departure: '2026-06-02T08:10:00Z' }),
      );
      expect([mistaken.status, declined.status]).toEqual([201, 201]);
      const voided = await leadA.post(`/api/v1/visits/${mistaken.body.id}/void`, {
        version: 1,
        reason: 'Registrerad på fel kund',
      });
      expect([voided.status, voided.body]).toEqual([200, { id: mistaken.body.id, version: 2 }]);
      await leadA.post(`/api/v1/visits/${declined.body.id}/decline`, { version: 1, reason: 'Sov' });
      const detail = await leadA.get(`/api/v1/visits/${mistaken.body.id}`);
      // Its services stay: a correction that makes it count again keeps them.
      expect(detail.body.visit).toMatchObject({
        state: 'voided',
        declinedReason: null,
        services: ['meals', 'medication'],
        minutes: 0,
      });
      expect(detail.body.versions[1]).toMatchObject({ state: 'voided', reason: 'Registrerad på fel kund' });
      // Voiding it again, or declining a declined one, changes nothing and is refused, storing nothing.
      const again = await leadA.post(`/api/v1/visits/${mistaken.body.id}/void`, {
        version: 2,
        reason: 'Igen',
      });
      expect([again.status, again.body.code, again.body.details]).toEqual([
        409,
        'visit_unchanged',
        { state: 'voided' },
      ]);
      const declinedAgain = await leadA.post(`/api/v1/visits/${declined.body.id}/decline`, {
        version: 2,
        reason: 'Sov igen',
      });
      expect([declinedAgain.status, declinedAgain.body.code]).toEqual([409, 'visit_unchanged']);
      expect((await leadA.get(`/api/v1/visits/${mistaken.body.id}`)).body.visit.version).toBe(2);
      // Another provider cannot void it and learns nothing from trying.
      const foreign = await leadB.post(`/api/v1/visits/${declined.body.id}/void`, {
        version: 2,
        reason: 'Fel kund',
      });
      expect(foreign.status).toBe(404);
      // It was registered twice: the real one overlaps nothing voided.
      const real = await leadA.post(
        '/api/v1/visits',
        visitBody({
          arrival: '2026-06-01T08:05:00Z',
          departure: '2026-06-01T08:30:00Z',
          services: ['meals'],
        }),
      );
      expect(real.status).toBe(201);
      // Relatives see the customer's decline and the real visit, never the mistake.
      const relatives = `/api/v1/customers/${world.customer.a}/visits?from=2026-06-01&to=2026-06-30`;
      const list = await leadA.get(relatives);
      expect(
        list.body.visits.map((v: { date: string; arrival: string; state: string }) => [
          v.date,
          v.arrival,
          v.state,
        ]),
      ).toEqual([
        ['2026-06-01', '10:05', 'registered'],
        ['2026-06-02', '10:00', 'declined'],
      ]);
      expect(list.body.totalMinutes).toBe(25);
      const csv = new TextDecoder().decode((await leadA.getBytes(`${relatives}&format=csv`)).bytes);
      expect(csv).toContain('2026-06-01;10:05;10:30');
      expect(csv).not.toContain('2026-06-01;10:00');
      // The PDF says the state in full: "Avböjt av kunden" was cut to "Avböjt av kun…".
      const pdf = (await readPdfText((await leadA.getBytes(`${relatives}&format=pdf`)).bytes)).flat();
      expect(pdf).toContain('Avböjt av kunden');
      // Each row's date whole (the extracted text drops a cut cell's ellipsis), the mistake not listed.
      expect(pdf.filter((text) => /^2026-06-0[12]$/.test(text))).toEqual(['2026-06-01', '2026-06-02']);
      expect((await leadA.get(`/api/v1/visit-exceptions${june}`)).body.items).toEqual([]);
      const audit = await admin.get(`/api/v1/audit?entity=visit&entityId=${mistaken.body.id}`);
      expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual(['void', 'create']);
      // The entry describes the visit, not the municipality's settings it was checked against.
      expect(audit.body.items[0].after).not.toHaveProperty('settings');
      expect(audit.body.items[0].after).toMatchObject({ state: 'voided', reason: 'Registrerad på fel kund' });
      // Made to count again, it keeps the services it was registered with.
      const restored = await leadA.post(`/api/v1/visits/${mistaken.body.id}/corrections`, {
        version: 2,
        reason: 'Besöket blev av ändå',
        arrival: '2026-06-01T07:00:00Z',
        departure: '2026-06-01T07:30:00Z',
      });
      expect(restored.status).toBe(200);
      expect((await leadA.get(`/api/v1/visits/${mistaken.body.id}`)).body.visit).toMatchObject({
        state: 'corrected',
        services: ['meals', 'medication'],
        minutes: 30,
      });
    } finally {
      now = new Date('2026-03-10T12:00:00Z');
    }
  });

  it('locks a month after its lock date for work leads; the municipality may still change it, flagged late', async () => {
    const created = await leadA.post(
      '/api/v1/visits',
      visitBody({ arrival: '2026-03-03T08:00:00Z', departure: '2026-03-03T08:30:00Z' }),
    );
    expect(created.status).toBe(201);
    const id = created.body.id;
    now = new Date('2026-04-05T22:00:00Z'); // midnight after 5 April in Stockholm
    try {
      const before = await countVersions();
      const late = await leadA.post(`/api/v1/visits/${id}/corrections`, {
        version: 1,
        reason: 'För sent',
        services: ['meals'],
      });
      expect([late.status, late.body.code]).toEqual([422, 'month_locked']);
      expect(await countVersions()).toBe(before);
      const byMunicipality = await admin.post(`/api/v1/visits/${id}/corrections`, {
        version: 1,
        reason: 'Rättelse efter låsdatum',
        services: ['meals'],
      });
      expect(byMunicipality.body).toEqual({ id, version: 2 });
      const { rows } = await server.db.pool.query(
        'SELECT is_late FROM visit WHERE visit_id = $1 ORDER BY version',
        [id],
      );
      expect(rows.map((row) => row.is_late)).toEqual([false, true]);
    } finally {
      now = new Date('2026-03-10T12:00:00Z');
    }
  });
});

describe('planned visits and granted time from the care system', () => {
  const planned = () => [
    {
      externalId: 'TES-100',
      customerId: world.customer.a,
      providerId: world.provider.a,
      services: ['meals'],
      plannedMinutes: 30,
      windowStart: '2026-03-04T07:00:00Z',
      windowEnd: '2026-03-04T09:00:00Z',
    },
  ];

  it('imports JSON and CSV with Swedish headers idempotently, and only for the municipality', async () => {
    expect((await admin.put('/api/v1/planned-visits', planned())).body).toEqual({
      created: 1,
      updated: 0,
      unchanged: 0,
    });
    expect((await admin.put('/api/v1/planned-visits', planned())).body).toEqual({
      created: 0,
      updated: 0,
      unchanged: 1,
    });
    const csv =
      '\uFEFFExtern id;Kund-id;Utförar-id;Insatser;Planerade minuter;Från;Till\r\n' +
      `TES-100;${world.customer.a};${world.provider.a};meals;45;2026-03-04T07:00:00Z;2026-03-04T09:00:00Z\r\n` +
      `TES-101;${world.customer.a};${world.provider.a};personal_care|shower;60;2026-03-04T17:00:00Z;2026-03-04T19:00:00Z\r\n`;
    const fromCsv = await admin.request('PUT', '/api/v1/planned-visits', undefined, {
      raw: { contentType: 'text/csv', data: csv },
    });
    expect(fromCsv.body).toEqual({ created: 1, updated: 1, unchanged: 0 });
    expect((await leadA.put('/api/v1/planned-visits', planned())).status).toBe(403);
    const granted = 'kund-id,insats,månad,minuter\n' + `${world.customer.a},meals,2026-03,900\n`;
    const grantedResponse = await admin.request('PUT', '/api/v1/granted-time', undefined, {
      raw: { contentType: 'text/csv', data: granted },
    });
    expect(grantedResponse.body).toEqual({ created: 1, updated: 0, unchanged: 0 });
  });

  it('reads a file with the import job’s column names for the same kind (docs/imports.md)', async () => {
    const csv =
      'externt id;customer;provider;insatser;minuter;from;to\n' +
      `TES-200;${world.customer.a};${world.provider.a};meals;20;2026-03-05T07:00:00Z;2026-03-05T09:00:00Z\n`;
    const response = await admin.request('PUT', '/api/v1/planned-visits', undefined, {
      raw: { contentType: 'text/csv', data: csv },
    });
    expect(response.body).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const listed = await admin.get(
      '/api/v1/planned-visits?from=2026-03-05T00:00:00Z&to=2026-03-06T00:00:00Z',
    );
    expect(listed.body.items.find((v: { externalId: string }) => v.externalId === 'TES-200')).toMatchObject({
      customerId: world.customer.a,
      providerId: world.provider.a,
      plannedMinutes: 20,
      windowStart: '2026-03-05T07:00:00.000Z',
    });
    const granted = 'customer;insats;månad;beviljade minuter\n' + `${world.customer.a};shower;2026-03;120\n`;
    const grantedResponse = await admin.request('PUT', '/api/v1/granted-time', undefined, {
      raw: { contentType: 'text/csv', data: granted },
    });
    expect(grantedResponse.body).toEqual({ created: 1, updated: 0, unchanged: 0 });
  });

  it('takes a file larger than the API’s usual body limit (a district’s month)', async () => {
    const lines = Array.from(
      { length: 2500 },
      (_, i) =>
        `TES-BIG-${i};${world.customer.a};${world.provider.a};meals;30;2026-03-${String(1 + (i % 28)).padStart(2, '0')}T07:00:00Z;2026-03-${String(1 + (i % 28)).padStart(2, '0')}T09:00:00Z`,
    );
    const data = [
      'externalId;customerId;providerId;services;plannedMinutes;windowStart;windowEnd',
      ...lines,
    ].join('\n');
    expect(data.length).toBeGreaterThan(256 * 1024);
    const response = await admin.request('PUT', '/api/v1/planned-visits', undefined, {
      raw: { contentType: 'text/csv', data },
    });
    expect(response.body).toEqual({ created: 2500, updated: 0, unchanged: 0 });
  });

  it('refuses a file with any bad line, naming the line and field, and changes nothing', async () => {
    const count = async () =>
      Number(
        (await server.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM planned_visit')).rows[0]!.n,
      );
    const before = await count();
    const csv = (line: string) =>
      admin.request('PUT', '/api/v1/planned-visits', undefined, {
        raw: {
          contentType: 'text/csv',
          data:
            'externalId;customerId;providerId;services;plannedMinutes;windowStart;windowEnd\n' +
            `TES-200;${world.customer.a};${world.provider.a};meals;30;2026-03-05T07:00:00Z;2026-03-05T09:00:00Z\n` +
            line,
        },
      });
    const unknownService = await csv(
      `TES-201;${world.customer.a};${world.provider.a};gardening;30;2026-03-05T07:00:00Z;2026-03-05T09:00:00Z\n`,
    );
    // A row the schema refuses is a line of the file, not the request's shape: 422, not the 400.
    expect([unknownService.status, unknownService.body.code]).toEqual([422, 'import_file_invalid']);
    expect(unknownService.body.details.errors[0]).toMatchObject({ line: 3, field: 'services/0' });
    const reversed = await csv(
      `TES-202;${world.customer.a};${world.provider.a};meals;30;2026-03-05T09:00:00Z;2026-03-05T07:00:00Z\n`,
    );
    expect([reversed.status, reversed.body.code, reversed.body.details.lines]).toEqual([
      422,
      'reversed_times',
      [3],
    ]);
    const unserved = await csv(
      `TES-203;${world.customer.b};${world.provider.a};meals;30;2026-03-05T07:00:00Z;2026-03-05T09:00:00Z\n`,
    );
    expect([unserved.status, unserved.body.code, unserved.body.details.lines]).toEqual([
      422,
      'customer_not_served',
      [3],
    ]);
    const unknownColumn = await admin.request('PUT', '/api/v1/planned-visits', undefined, {
      raw: { contentType: 'text/csv', data: 'externalId;favoriteColour\nX;blue\n' },
    });
    expect([unknownColumn.status, unknownColumn.body.code]).toEqual([422, 'unknown_column']);
    expect(unknownColumn.body.details).toEqual({ line: 1, field: 'favoriteColour' });
    const twice = await csv(
      `TES-200;${world.customer.a};${world.provider.a};meals;45;2026-03-05T07:00:00Z;2026-03-05T09:00:00Z\n`,
    );
    expect([twice.status, twice.body.code, twice.body.details]).toEqual([
      422,
      'duplicate_row',
      { line: 3, field: 'externalId', firstLine: 2 },
    ]);
    const unreadable = await csv(`"TES-204;${world.customer.a}\n`);
    expect([unreadable.status, unreadable.body.code]).toEqual([422, 'file_unreadable']);
    expect(unreadable.body.details.line).toBeGreaterThanOrEqual(3);
    // The care-system import's reader: the line the broken row starts on, not the file's last.
    const unclosed = await csv(`"TES-204;${world.customer.a}\nTES-205;x;y;meals;30;a;b\n`);
    expect([unclosed.status, unclosed.body.code, unclosed.body.details]).toEqual([
      422,
      'file_unreadable',
      { line: 3 },
    ]);
    // A row with a cell too many is that row's error, named with the others, not an unreadable file.
    const extraCell = await csv(
      `TES-206;${world.customer.a};${world.provider.a};meals;30;2026-03-05T07:00:00Z;2026-03-05T09:00:00Z;x\n`,
    );
    expect([extraCell.status, extraCell.body.code]).toEqual([422, 'import_file_invalid']);
    expect(extraCell.body.details.errors).toEqual([
      expect.objectContaining({ line: 3, code: 'wrong_cell_count', params: { expected: 7, found: 8 } }),
    ]);
    const headerOnly = await admin.request('PUT', '/api/v1/planned-visits', undefined, {
      raw: { contentType: 'text/csv', data: 'externalId;customerId\n' },
    });
    expect([headerOnly.status, headerOnly.body.code]).toEqual([422, 'empty_file']);
    const noRows = await admin.put('/api/v1/planned-visits', []);
    expect([noRows.status, noRows.body.code]).toEqual([422, 'empty_file']);
    // Excel writes a `;` after the last column: no column of its own.
    const trailing = await admin.request('PUT', '/api/v1/planned-visits', undefined, {
      raw: {
        contentType: 'text/csv',
        data:
          'externalId;customerId;providerId;services;plannedMinutes;windowStart;windowEnd;\n' +
          `TES-200;${world.customer.a};${world.provider.a};meals;30;2026-03-05T07:00:00Z;2026-03-05T09:00:00Z;\n` +
          `TES-207;${world.customer.a};${world.provider.a};meals;x;2026-03-05T07:00:00Z;2026-03-05T09:00:00Z;\n`,
      },
    });
    expect([trailing.status, trailing.body.details?.errors?.[0]?.line]).toEqual([422, 3]);
    expect(trailing.body.details.errors[0].field).toBe('plannedMinutes');
    for (const refused of [unknownService, unknownColumn, twice, unreadable, headerOnly, noRows, extraCell])
      expect(refused.body.message.length).toBeGreaterThan(0);
    expect(await count()).toBe(before);
  });
});

describe('visit routes in the role × scope matrix', () => {
  // Written out by hand, not derived from core's policy, so a wrong policy fails here.
  const expected: Record<
    string,
    { list: number; register: number; voidIt: number; importFile: number; sees: number }
  > = {
    municipality_admin: { list: 200, register: 409, voidIt: 409, importFile: 200, sees: 2 },
    lock_manager: { list: 403, register: 403, voidIt: 403, importFile: 403, sees: 0 },
    installer: { list: 403, register: 403, voidIt: 403, importFile: 403, sees: 0 },
    work_lead: { list: 200, register: 409, voidIt: 409, importFile: 403, sees: 2 },
    staff: { list: 200, register: 403, voidIt: 403, importFile: 403, sees: 0 },
    support: { list: 200, register: 403, voidIt: 403, importFile: 403, sees: 2 },
    auditor: { list: 200, register: 403, voidIt: 403, importFile: 403, sees: 2 },
    property_owner: { list: 403, register: 403, voidIt: 403, importFile: 403, sees: 0 },
  };
  for (const [role, cells] of Object.entries(expected))
    it(`${role}: list ${cells.list}, register ${cells.register}, void ${cells.voidIt}, import ${cells.importFile}`, async () => {
      const municipalityId = (
        await server.db.pool.query<{ id: string }>(
          'SELECT municipality_id AS id FROM provider WHERE id = $1',
          [world.provider.a],
        )
      ).rows[0]!.id;
      const links = {
        work_lead: { providerId: world.provider.a },
        staff: { providerId: world.provider.b, staffMemberId: world.staffMember.b },
        property_owner: { propertyOwnerId: world.propertyOwner.a },
      }[role];
      const client = await new ApiClient(server.url).login(
        await createUser(
          server.db.pool,
          municipalityId,
          role as Parameters<typeof createUser>[2],
          links ?? {},
        ),
        testPassword,
      );
      const list = await client.get(`/api/v1/visits${march}`);
      expect(list.status).toBe(cells.list);
      if (list.status === 200) expect(list.body.items).toHaveLength(cells.sees);
      // Overlaps the second visit: a role that may write gets past authorisation to the rules.
      const register = await client.post(
        '/api/v1/visits',
        visitBody({ arrival: '2026-03-03T08:05:00Z', departure: '2026-03-03T08:10:00Z' }),
      );
      expect(register.status).toBe(cells.register);
      // A version the visit never had: a role that may write gets past authorisation to 409.
      const voided = await client.post(`/api/v1/visits/${visitId}/void`, { version: 99, reason: 'Fel kund' });
      expect(voided.status).toBe(cells.voidIt);
      const importFile = await client.put('/api/v1/granted-time', [
        { customerId: world.customer.a, service: 'meals', month: '2026-03', minutes: 900 },
      ]);
      expect(importFile.status).toBe(cells.importFile);
    });
});

describe('the monthly compensation run', () => {
  it('refuses a month that has not ended, and stores nothing', async () => {
    const refused = await admin.post('/api/v1/compensation-runs', { month: '2026-03' });
    expect([refused.status, refused.body.code]).toEqual([422, 'run_in_future']);
    expect((await admin.get('/api/v1/compensation-runs')).body.items).toEqual([]);
  });

  it('pays each provider’s registered minutes by band, traceable to visits, hashed, as CSV', async () => {
    now = new Date('2026-04-10T12:00:00Z');
    try {
      const created = await admin.post('/api/v1/compensation-runs', { month: '2026-03' });
      expect(created.status).toBe(201);
      const runA = created.body.items.find((r: { providerId: string }) => r.providerId === world.provider.a);
      expect(runA).toMatchObject({ version: 1 });
      // Computed here by hand: the one counted visit of provider A is 3 March 09:00–09:30 local
      // (a Tuesday, day band), meals, one staff member, at the default day rate of 450 kr/h; the
      // declined one counts nothing.
      const detail = await leadA.get(`/api/v1/compensation-runs/${runA.id}`);
      const lateVisit = (await leadA.get(`/api/v1/visits${march}&state=corrected`)).body.items.find(
        (v: { arrival: string }) => v.arrival === '2026-03-03T08:00:00.000Z',
      );
      expect(detail.body.lines).toEqual([
        expect.objectContaining({
          customerId: world.customer.a,
          service: 'meals',
          band: 'day',
          customerMinutes: 30,
          staffMinutes: 30,
          perHour: 450,
          amountOre: 22_500,
          visitIds: [lateVisit.id],
        }),
      ]);
      expect(detail.body.run).toMatchObject({ totalAmountOre: 22_500, lateVisitIds: [lateVisit.id] });
      expect(detail.body.givenVersusGranted).toContainEqual({
        customerId: world.customer.a,
        service: 'meals',
        givenMinutes: 30,
        grantedMinutes: 900,
      });
      expect(detail.body.diff).toBeNull();
      expect(detail.body.run.hash).toBe(
        hashRun(world.provider.a, '2026-03', {
          lines: detail.body.lines,
          givenVersusGranted: detail.body.givenVersusGranted,
          heldBackVisitIds: detail.body.run.heldBackVisitIds,
          lateVisitIds: detail.body.run.lateVisitIds,
          totalAmountOre: detail.body.run.totalAmountOre,
        }),
      );
      const csv = await leadA.get(`/api/v1/compensation-runs/${runA.id}/lines.csv`);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const [header, line] = (csv.body as string).split('\r\n');
      // fetch's text() drops the byte-order mark; the presenter's own output starts with it.
      expect(compensationCsv(detail.body.run, []).startsWith('\uFEFFUtförare;')).toBe(true);
      expect(header).toBe(
        'Utförare;Månad;Kund;Kund-id;Insats;Tidsband;Kundtid (min);Personaltid (min);Timpris (kr);Belopp (kr);Besök',
      );
      expect(line!.split(';').slice(2)).toEqual([
        'Karl Berg',
        world.customer.a,
        'måltider',
        'dag',
        '30',
        '30',
        '450,00',
        '225,00',
        lateVisit.id,
      ]);

      // A late correction by the municipality, then the run again: a new version and its diff.
      await admin.post(`/api/v1/visits/${lateVisit.id}/corrections`, {
        version: lateVisit.version,
        reason: 'Fel utstämpling',
        departure: '2026-03-03T08:45:00Z',
      });
      const again = await admin.post('/api/v1/compensation-runs', {
        month: '2026-03',
        providerId: world.provider.a,
      });
      expect(again.body.items).toEqual([expect.objectContaining({ version: 2, totalAmountOre: 33_750 })]);
      const second = await admin.get(`/api/v1/compensation-runs/${again.body.items[0].id}`);
      expect(second.body.diff).toEqual({
        previousVersion: 1,
        added: 0,
        removed: 0,
        changed: 1,
        amountDeltaOre: 11_250,
      });
      // The first version is unchanged.
      expect((await admin.get(`/api/v1/compensation-runs/${runA.id}`)).body.run.hash).toBe(
        detail.body.run.hash,
      );
    } finally {
      now = new Date('2026-03-10T12:00:00Z');
    }
  });

  it('shows a provider only its own runs; the run is the municipality’s to make', async () => {
    const mine = (await leadA.get('/api/v1/compensation-runs')).body.items;
    expect(mine.map((r: { providerId: string }) => r.providerId)).toEqual([
      world.provider.a,
      world.provider.a,
    ]);
    const theirs = (await leadB.get('/api/v1/compensation-runs')).body.items;
    expect(theirs.map((r: { providerId: string }) => r.providerId)).toEqual([world.provider.b]);
    expect((await leadB.get(`/api/v1/compensation-runs/${mine[0].id}`)).status).toBe(404);
    expect((await leadB.get(`/api/v1/compensation-runs/${mine[0].id}/lines.csv`)).status).toBe(404);
    expect((await leadA.post('/api/v1/compensation-runs', { month: '2026-03' })).status).toBe(403);
    expect((await owner.get('/api/v1/compensation-runs')).status).toBe(403);
  });

  it('pays nothing for a visit voided as registered by mistake, and the minutes relatives are shown', async () => {
    now = new Date('2026-08-03T12:00:00Z');
    try {
      const visits = [];
      for (const arrival of ['2026-07-06T08:00:00Z', '2026-07-07T08:00:00Z']) {
        // 25 minutes in two services: 12.5 each was shown as 13 and 13, a minute never given.
        const departure = arrival.replace('08:00', '08:25');
        const created = await leadA.post('/api/v1/visits', visitBody({ arrival, departure }));
        expect(created.status).toBe(201);
        visits.push(created.body.id as string);
      }
      const [mistaken, real] = visits;
      expect(
        (await leadA.post(`/api/v1/visits/${mistaken}/void`, { version: 1, reason: 'Fel dag' })).status,
      ).toBe(200);
      const run = await admin.post('/api/v1/compensation-runs', {
        month: '2026-07',
        providerId: world.provider.a,
      });
      expect(run.status).toBe(201);
      const detail = await leadA.get(`/api/v1/compensation-runs/${run.body.items[0].id}`);
      expect(
        detail.body.lines.map((l: { service: string; customerMinutes: number; visitIds: string[] }) => [
          l.service,
          l.customerMinutes,
          l.visitIds,
        ]),
      ).toEqual([
        ['meals', 13, [real]],
        ['medication', 12, [real]],
      ]);
      expect(detail.body.run.heldBackVisitIds).toEqual([]);
      const list = await leadA.get(
        `/api/v1/customers/${world.customer.a}/visits?from=2026-07-01&to=2026-07-31`,
      );
      expect(list.body.totalMinutes).toBe(25);
    } finally {
      now = new Date('2026-03-10T12:00:00Z');
    }
  });
});

describe('the exceptions queue', () => {
  const day = '?from=2026-03-05T00:00:00Z&to=2026-03-06T00:00:00Z';
  let key: string;

  it('shows a too-long visit to its own work lead, as holding back its minutes', async () => {
    const created = await leadA.post(
      '/api/v1/visits',
      visitBody({ arrival: '2026-03-05T08:00:00Z', departure: '2026-03-05T11:30:00Z' }),
    );
    expect(created.status).toBe(201);
    const queue = await leadA.get(`/api/v1/visit-exceptions${day}`);
    expect(queue.status).toBe(200);
    const tooLong = queue.body.items.find((e: { code: string }) => e.code === 'too_long');
    expect(tooLong).toMatchObject({
      visitIds: [created.body.id],
      isHolding: true,
      customerName: 'Karl Berg',
      resolution: null,
      providerId: world.provider.a,
    });
    key = tooLong.key;
    expect((await leadB.get(`/api/v1/visit-exceptions${day}`)).body.items).toEqual([]);
    expect((await owner.get(`/api/v1/visit-exceptions${day}`)).status).toBe(403);
  });

  it('reads at most 33 local days, the autumn clock change’s extra hour included, and refuses more', async () => {
    const period = (from: string, to: string) => leadA.get(`/api/v1/visit-exceptions?from=${from}&to=${to}`);
    // 1 October to 2 November in Stockholm: 33 days, one of them 25 hours long.
    expect((await period('2026-09-30T22:00:00Z', '2026-11-02T23:00:00Z')).status).toBe(200);
    const longer = await period('2026-09-30T22:00:00Z', '2026-11-03T23:00:00Z');
    expect([longer.status, longer.body.code]).toEqual([400, 'invalid_range']);
    expect(longer.body.message).toContain('at most 33 days');
  });

  it('is confirmed once with a reason by its own work lead, and then leaves the queue', async () => {
    const at = '2026-03-05T08:00:00Z';
    const foreign = await leadB.post('/api/v1/visit-exceptions/confirmations', {
      key,
      at,
      reason: 'Inte vår',
    });
    expect(foreign.status).toBe(404);
    const bogus = await leadA.post('/api/v1/visit-exceptions/confirmations', {
      key: 'too_long:x:1',
      at,
      reason: 'Fel',
    });
    expect(bogus.status).toBe(404);
    const confirmed = await leadA.post('/api/v1/visit-exceptions/confirmations', {
      key,
      at,
      reason: 'Kunden behövde extra hjälp',
    });
    expect([confirmed.status, confirmed.body]).toEqual([201, { key }]);
    const again = await leadA.post('/api/v1/visit-exceptions/confirmations', { key, at, reason: 'Igen' });
    expect(again.status).toBe(409);
    const open = (await leadA.get(`/api/v1/visit-exceptions${day}`)).body.items;
    expect(open.map((e: { key: string }) => e.key)).not.toContain(key);
    const all = (await leadA.get(`/api/v1/visit-exceptions${day}&isResolvedIncluded=true`)).body.items;
    expect(all.find((e: { key: string }) => e.key === key).resolution).toMatchObject({
      resolution: 'confirmed',
      reason: 'Kunden behövde extra hjälp',
    });
  });
});

describe('approving a staff member’s day', () => {
  it('approves every visit of the day as a new version, once', async () => {
    const body = { staffMemberId: world.staffMember.a, day: '2026-03-05' };
    expect((await leadA.post('/api/v1/visits/approvals', body)).body).toEqual({ approved: 1 });
    expect((await leadA.post('/api/v1/visits/approvals', body)).body).toEqual({ approved: 0 });
    const [visit] = (await leadA.get('/api/v1/visits?from=2026-03-05T00:00:00Z&to=2026-03-06T00:00:00Z')).body
      .items;
    expect(visit).toMatchObject({ state: 'approved', version: 2 });
    // Another provider's work lead approves nothing of it: its staff member is not theirs to name.
    const foreign = await leadB.post('/api/v1/visits/approvals', body);
    expect([foreign.status, foreign.body.code]).toEqual([422, 'unknown_reference']);
  });

  it('refuses to approve for a staff member or customer out of reach as for one that does not exist, auditing nothing', async () => {
    const countAudit = async () =>
      Number((await server.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM audit_entry')).rows[0]!.n);
    const before = await countAudit();
    const missing = '00000000-0000-4000-8000-000000000000';
    const answers = [];
    for (const [client, subject] of [
      [leadB, { staffMemberId: world.staffMember.a }],
      [leadB, { staffMemberId: missing }],
      [leadB, { customerId: world.customer.a }],
      [leadB, { customerId: missing }],
      [admin, { customerId: missing }],
    ] as const) {
      const response = await client.post('/api/v1/visits/approvals', { ...subject, day: '2026-03-04' });
      answers.push([response.status, response.body.code, response.body.message]);
    }
    expect(answers[0]).toEqual([422, 'unknown_reference', 'No such staff member of your provider.']);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual([422, 'unknown_reference', expect.stringMatching(/^No such customer/)]);
    expect(answers[3]).toEqual(answers[2]);
    expect(answers[4]).toEqual(answers[2]);
    expect(await countAudit()).toBe(before);
    // Its own customer, on a day without visits, is approved as nothing to approve.
    const own = await leadA.post('/api/v1/visits/approvals', {
      customerId: world.customer.a,
      day: '2026-03-04',
    });
    expect(own.body).toEqual({ approved: 0 });
  });

  it('refuses a day with unresolved exceptions, a day not yet over, and two subjects, changing nothing', async () => {
    await leadA.post(
      '/api/v1/visits',
      visitBody({ arrival: '2026-03-06T08:00:00Z', departure: '2026-03-06T11:30:00Z' }),
    );
    const before = await countVersions();
    const refused = async (body: Record<string, unknown>, status: number, code: string) => {
      const response = await leadA.post('/api/v1/visits/approvals', body);
      expect([response.status, response.body.code]).toEqual([status, code]);
    };
    await refused({ staffMemberId: world.staffMember.a, day: '2026-03-06' }, 409, 'unresolved_exceptions');
    // Today (10 March, its visits long over) and this week are not over yet: a code of its own,
    // not a visit in the future (docs/visits.md "Approval").
    await refused({ staffMemberId: world.staffMember.a, day: '2026-03-10' }, 422, 'period_not_ended');
    await refused({ customerId: world.customer.a, day: '2026-03-09', days: 7 }, 422, 'period_not_ended');
    const today = await leadA.post('/api/v1/visits/approvals', {
      staffMemberId: world.staffMember.a,
      day: '2026-03-10',
    });
    expect(today.body.message).toBe('Only a day or week that has ended can be approved.');
    await refused(
      { staffMemberId: world.staffMember.a, customerId: world.customer.a, day: '2026-03-04' },
      422,
      'one_subject',
    );
    expect(await countVersions()).toBe(before);
  });
});

describe('alarms from the alarm receiver', () => {
  const alarm = (overrides: Record<string, unknown> = {}) => ({
    externalId: 'LARM-1',
    customerId: world.customer.a,
    raisedAt: '2026-03-08T02:10:00Z',
    ...overrides,
  });
  const countAlarms = async () =>
    Number((await server.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM alarm')).rows[0]!.n);

  it('stores each alarm once, and refuses future alarms and unknown customers, storing nothing', async () => {
    expect((await admin.post('/api/v1/alarms', [alarm()])).body).toEqual({ created: 1, unchanged: 0 });
    expect((await admin.post('/api/v1/alarms', [alarm()])).body).toEqual({ created: 0, unchanged: 1 });
    const before = await countAlarms();
    const future = await admin.post('/api/v1/alarms', [
      alarm({ externalId: 'LARM-2' }),
      alarm({ externalId: 'LARM-3', raisedAt: '2026-03-11T00:00:00Z' }),
    ]);
    expect([future.status, future.body.code, future.body.details.positions]).toEqual([
      422,
      'alarm_in_future',
      [2],
    ]);
    const unknown = await admin.post('/api/v1/alarms', [
      alarm({ externalId: 'LARM-4', customerId: '00000000-0000-4000-8000-000000000000' }),
    ]);
    expect([unknown.status, unknown.body.code]).toEqual([422, 'unknown_reference']);
    expect(await countAlarms()).toBe(before);
    expect((await leadA.post('/api/v1/alarms', [alarm({ externalId: 'LARM-5' })])).status).toBe(403);
  });

  it('reports the month’s unanswered alarm to the municipality and to no unrelated provider', async () => {
    const report = await admin.get('/api/v1/alarm-response-times?month=2026-03');
    expect(report.body).toMatchObject({ month: '2026-03', groups: [] });
    expect(report.body.unanswered).toEqual([
      expect.objectContaining({
        externalId: 'LARM-1',
        customerName: 'Karl Berg',
        raisedAt: '2026-03-08T02:10:00.000Z',
      }),
    ]);
    // Provider B never served Karl: it learns nothing about his alarm.
    expect((await leadB.get('/api/v1/alarm-response-times?month=2026-03')).body.unanswered).toEqual([]);
    expect((await leadA.get('/api/v1/alarm-response-times?month=2026-03')).body.unanswered).toHaveLength(1);
    expect((await owner.get('/api/v1/alarm-response-times?month=2026-03')).status).toBe(403);
  });
});
