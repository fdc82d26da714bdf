// Planned visits and granted time in the care-system import (docs/imports.md), over real HTTP on
// real PostgreSQL with a fixed clock: referenced by the care system's ids, written by the
// care-plan upserts, a second run changes nothing, a change shows field by field in the dry run,
// an unknown customer is an error naming file, line and field, and a rule's refusal undoes all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { startTestMunicipality } from '../platform/world.testing';

const now = new Date('2026-12-15T12:00:00Z');
let server: TestServer;
let municipalityId: string;
let admin: ApiClient;

const registry = [
  { name: 'omraden.csv', content: 'kod;namn\nV1;Väster' },
  {
    name: 'utforare.csv',
    content: 'id;namn;regi;verksamheter\nU1;Omsorg Väst AB;private;day_home_care',
  },
  { name: 'kunder.csv', content: 'kund-id;område;förnamn;efternamn\nK1;V1;Greta;Gran\nK2;V1;Olle;Ek' },
  {
    name: 'insatser.csv',
    content:
      'insats-id;kund-id;insats;utförar-id;från\nI1;K1;home_care;U1;2026-01-01\nI2;K2;home_care;U1;2026-01-01',
  },
];
const plannedVisits = [
  'besöks-id;kund-id;utförar-id;insatser;planerade minuter;från;till',
  'B1;K1;U1;personal_care|meals;30;2026-12-16T07:00:00Z;2026-12-16T08:00:00Z',
  'B2;K2;U1;shower;45;2026-12-16T09:00:00Z;2026-12-16T10:00:00Z',
].join('\n');
const grantedTime = JSON.stringify([
  { customerId: 'K1', service: 'personal_care', month: '2026-12', minutes: 900, decisionReference: 'D-1' },
  { customerId: 'K2', service: 'shower', month: '2026-12', minutes: 180 },
]);
const carePlan = (visits = plannedVisits, granted = grantedTime) => [
  { name: 'planerade-besok.csv', content: visits },
  { name: 'granted-time.json', content: granted },
];

async function readCarePlan() {
  const { rows: visits } = await server.db.pool.query(
    `SELECT v.external_id, c.external_id AS customer, p.external_id AS provider, v.services, v.planned_minutes,
       v.staff_count, v.window_starts_at, v.window_ends_at
     FROM planned_visit v JOIN customer c ON c.id = v.customer_id JOIN provider p ON p.id = v.provider_id
     WHERE v.municipality_id = $1 ORDER BY v.external_id`,
    [municipalityId],
  );
  const { rows: granted } = await server.db.pool.query(
    `SELECT c.external_id AS customer, g.service, to_char(g.month, 'YYYY-MM') AS month, g.minutes,
       g.decision_reference
     FROM granted_time g JOIN customer c ON c.id = g.customer_id
     WHERE g.municipality_id = $1 ORDER BY c.external_id, g.service`,
    [municipalityId],
  );
  return { visits, granted };
}

async function runImport(
  files: Array<{ name: string; content: string }>,
  options: { isFull?: boolean } = {},
) {
  const started = await admin.post('/api/v1/imports', { files, isDryRun: false, ...options });
  expect(started.body).toMatchObject({ id: expect.any(String) });
  for (;;) {
    const job = await admin.get(`/api/v1/imports/${started.body.id}`);
    if (job.body.status !== 'running') return job.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  ({ server, municipalityId, admin } = await startTestMunicipality({ now: () => now }));
  expect(await runImport(registry)).toMatchObject({ status: 'succeeded' });
}, 120_000);
afterAll(async () => server.close());

describe('planned visits and granted time in the care-system import', () => {
  it('imports them by the care system’s ids, audited under the import, and a second run changes nothing', async () => {
    const dry = await admin.post('/api/v1/imports', { files: carePlan(), isDryRun: true });
    expect(dry.body.outcome).toMatchObject({ rows: 4, created: 4, updated: 0, ended: 0, unchanged: 0 });
    expect(dry.body.outcome.changes[0]).toMatchObject({
      kind: 'plannedVisits',
      key: 'B1',
      action: 'create',
      file: 'planerade-besok.csv',
      line: 2,
    });
    expect((await readCarePlan()).visits).toEqual([]);

    const job = await runImport(carePlan());
    expect(job).toMatchObject({ status: 'succeeded', outcome: { created: 4, unchanged: 0 } });
    const { visits, granted } = await readCarePlan();
    expect(visits).toEqual([
      {
        external_id: 'B1',
        customer: 'K1',
        provider: 'U1',
        // A list is normalised sorted (the order of services means nothing).
        services: ['meals', 'personal_care'],
        planned_minutes: 30,
        staff_count: 1,
        window_starts_at: new Date('2026-12-16T07:00:00Z'),
        window_ends_at: new Date('2026-12-16T08:00:00Z'),
      },
      expect.objectContaining({
        external_id: 'B2',
        customer: 'K2',
        services: ['shower'],
        planned_minutes: 45,
      }),
    ]);
    expect(granted).toEqual([
      { customer: 'K1', service: 'personal_care', month: '2026-12', minutes: 900, decision_reference: 'D-1' },
      { customer: 'K2', service: 'shower', month: '2026-12', minutes: 180, decision_reference: null },
    ]);
    const { rows: audit } = await server.db.pool.query(
      `SELECT action, entity FROM audit_entry WHERE request_id = $1 ORDER BY id`,
      [`import:${job.id}`],
    );
    expect(audit.map((row) => `${row.action} ${row.entity}`)).toEqual([
      'create planned_visit',
      'create planned_visit',
      'create granted_time',
      'create granted_time',
      'import care_system_import',
    ]);

    expect(await runImport(carePlan())).toMatchObject({
      status: 'succeeded',
      outcome: { created: 0, updated: 0, ended: 0, unchanged: 4 },
    });
    expect(await readCarePlan()).toEqual({ visits, granted });
  });

  it('shows a changed planned visit and changed granted minutes field by field, and applies them', async () => {
    const visits = plannedVisits.replace(
      'B2;K2;U1;shower;45;2026-12-16T09:00:00Z;2026-12-16T10:00:00Z',
      'B2;K2;U1;shower|cleaning;60;2026-12-16T09:00:00Z;2026-12-16T10:30:00Z',
    );
    const granted = grantedTime.replace('"minutes":180', '"minutes":240');
    const before = await readCarePlan();
    const dry = await admin.post('/api/v1/imports', { files: carePlan(visits, granted), isDryRun: true });
    expect(dry.body.outcome).toMatchObject({ created: 0, updated: 2, ended: 0, unchanged: 2 });
    expect(dry.body.outcome.changes).toEqual([
      expect.objectContaining({
        kind: 'plannedVisits',
        key: 'B2',
        action: 'update',
        line: 3,
        fields: [
          { field: 'services', before: ['shower'], after: ['cleaning', 'shower'] },
          { field: 'plannedMinutes', before: '45', after: '60' },
          { field: 'windowEnd', before: '2026-12-16T10:00:00.000Z', after: '2026-12-16T10:30:00.000Z' },
        ],
      }),
      expect.objectContaining({
        kind: 'grantedTime',
        key: 'K2 shower 2026-12',
        action: 'update',
        file: 'granted-time.json',
        line: 2,
        fields: [{ field: 'minutes', before: '180', after: '240' }],
      }),
    ]);
    expect(await readCarePlan()).toEqual(before);

    expect(await runImport(carePlan(visits, granted))).toMatchObject({
      status: 'succeeded',
      outcome: { updated: 2, unchanged: 2 },
    });
    const after = await readCarePlan();
    expect(after.visits[1]).toMatchObject({
      planned_minutes: 60,
      window_ends_at: new Date('2026-12-16T10:30:00Z'),
    });
    expect(after.granted[1]).toMatchObject({ minutes: 240 });
    // Back as it was, for the tests after this one.
    await runImport(carePlan());
  });

  it('names file, line and field of an unknown customer, and changes nothing', async () => {
    const before = await readCarePlan();
    const visits = `${plannedVisits}\nB3;K-NONE;U1;meals;20;2026-12-17T07:00:00Z;2026-12-17T08:00:00Z`;
    const answer = await admin.post('/api/v1/imports', { files: carePlan(visits), isDryRun: false });
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('import_file_invalid');
    expect(answer.body.details.errors).toEqual([
      expect.objectContaining({ file: 'planerade-besok.csv', line: 4, field: 'customerId' }),
    ]);
    expect(await readCarePlan()).toEqual(before);
  });

  it('refuses, as the care-plan route does, a visit on a day the provider does not serve the customer, undoing the whole import', async () => {
    const before = await readCarePlan();
    const granted = grantedTime.replace('"minutes":900', '"minutes":1000');
    const visits = `${plannedVisits}\nB3;K1;U1;meals;20;2025-06-01T07:00:00Z;2025-06-01T08:00:00Z`;
    const job = await runImport(carePlan(visits, granted));
    expect(job).toMatchObject({ status: 'failed' });
    expect(JSON.stringify(job.error)).toContain('customer_not_served');
    expect(JSON.stringify(job.error)).toContain('planerade-besok.csv line 4');
    // The line it refused, with the refusal's code for a client to word.
    expect(job.error.errors).toEqual([
      expect.objectContaining({
        file: 'planerade-besok.csv',
        line: 4,
        field: 'providerId',
        code: 'customer_not_served',
        params: { kind: 'plannedVisits', key: 'B3', action: 'create' },
      }),
    ]);
    expect(await readCarePlan()).toEqual(before);
  });

  it('leaves planned visits and granted time a full import’s files no longer hold (they are upserted, never replaced)', async () => {
    const before = await readCarePlan();
    const visits = plannedVisits.split('\n').slice(0, 2).join('\n');
    const granted = JSON.stringify(JSON.parse(grantedTime).slice(0, 1));
    expect(await runImport(carePlan(visits, granted), { isFull: true })).toMatchObject({
      status: 'succeeded',
      outcome: { created: 0, updated: 0, ended: 0, unchanged: 2 },
    });
    expect(await readCarePlan()).toEqual(before);
  });
});
