// POST /api/v1/imports and GET /api/v1/imports/{id} over real HTTP on real PostgreSQL with a
// fixed clock (docs/imports.md): only the municipality's administrator imports (auditors read
// imports), another municipality's import is 404, bad input is 4xx with a code and changes
// nothing, and a real run is applied in the background with its progress on the import's row.
import { isImportLineCode } from '@portvakt/contract';
import { roles, type Role } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { addMunicipality, loginEveryRole, startTestWorld } from '../platform/world.testing';

const now = new Date('2026-12-15T12:00:00Z');
let server: TestServer;
let municipalityId: string;
let clients: Record<Role, ApiClient>;
let otherAdmin: ApiClient;

const providers = [
  'id;namn;regi;verksamheter;organisationsnummer',
  'U1;Importerad hemtjänst AB;private;day_home_care;556000-0001',
].join('\n');
const teams = ['id;utförar-id;område;namn', 'T1;U1;;Team Importerat'].join('\n');
const staff = [
  'personal-id,utförar-id,förnamn,efternamn,anställningsnummer,anställd från',
  'P1,U1,Ida,Import,IMP-1,2026-01-01',
  'P2,U1,Per,Import,IMP-2,2026-02-01',
].join('\n');
const memberships = JSON.stringify([
  { externalId: 'M1', teamId: 'T1', staffMemberId: 'P1', validFrom: '2026-01-01T06:00:00Z' },
  {
    externalId: 'M2',
    teamId: 'T1',
    staffMemberId: 'P2',
    validFrom: '2026-02-01T06:00:00Z',
    validUntil: null,
  },
]);
const files = [
  { name: 'utforare.csv', content: `\uFEFF${providers}` },
  { name: 'team.csv', content: teams },
  { name: 'staff.csv', content: staff },
  { name: 'memberships.json', content: memberships },
];

async function countRows(): Promise<number> {
  const { rows } = await server.db.pool.query(
    `SELECT (SELECT count(*) FROM provider WHERE municipality_id = $1)
          + (SELECT count(*) FROM staff_member WHERE municipality_id = $1)
          + (SELECT count(*) FROM team_membership WHERE municipality_id = $1)::int AS n`,
    [municipalityId],
  );
  return Number(rows[0].n);
}

async function waitForImport(client: ApiClient, id: string) {
  for (;;) {
    const job = await client.get(`/api/v1/imports/${id}`);
    if (job.body.status !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  const started = await startTestWorld({ now: () => now });
  ({ server, municipalityId } = started);
  clients = await loginEveryRole(server, municipalityId, started.world, started.admin);
  otherAdmin = (await addMunicipality(server)).admin;
}, 120_000);
afterAll(async () => server.close());

describe('imports over HTTP', () => {
  it('answers a dry run’s diff at once and changes nothing', async () => {
    const before = await countRows();
    const dry = await clients.municipality_admin.post('/api/v1/imports', { files, isDryRun: true });
    expect(dry.status).toBe(201);
    expect(dry.body).toMatchObject({
      status: 'succeeded',
      isDryRun: true,
      fileNames: ['utforare.csv', 'team.csv', 'staff.csv', 'memberships.json'],
      outcome: { rows: 6, created: 6, updated: 0, ended: 0, unchanged: 0 },
    });
    expect(dry.body.outcome.changes[0]).toMatchObject({
      kind: 'providers',
      key: 'U1',
      action: 'create',
      file: 'utforare.csv',
      line: 2,
    });
    expect(await countRows()).toBe(before);
  });

  it('applies a real run in the background, audited under the import, and a second run changes nothing', async () => {
    const before = await countRows();
    const started = await clients.municipality_admin.post('/api/v1/imports', { files, isDryRun: false });
    expect(started.status).toBe(201);
    const job = await waitForImport(clients.municipality_admin, started.body.id);
    expect(job.body).toMatchObject({ status: 'succeeded', rowsDone: 6, rowsTotal: 6, error: null });
    expect(await countRows()).toBe(before + 5);
    const { rows } = await server.db.pool.query(
      `SELECT entity, action FROM audit_entry WHERE request_id = $1 ORDER BY id`,
      [`import:${started.body.id}`],
    );
    expect(rows.map((row) => `${row.action} ${row.entity}`)).toEqual([
      'create provider',
      'create team',
      'create staff_member',
      'create staff_member',
      'create team_membership',
      'create team_membership',
      'import care_system_import',
    ]);
    const again = await clients.municipality_admin.post('/api/v1/imports', { files, isDryRun: false });
    expect((await waitForImport(clients.municipality_admin, again.body.id)).body).toMatchObject({
      status: 'succeeded',
      outcome: { created: 0, updated: 0, ended: 0, unchanged: 6 },
    });

    // The care system corrects when Per joined the team: an earlier start, months before the
    // server's clock, that a person could not write through the API (starts_in_the_past).
    const corrected = JSON.stringify([
      JSON.parse(memberships)[0],
      { ...JSON.parse(memberships)[1], validFrom: '2026-01-15T06:00:00Z' },
    ]);
    const correction = await clients.municipality_admin.post('/api/v1/imports', {
      files: files.map((file) => (file.name === 'memberships.json' ? { ...file, content: corrected } : file)),
      isDryRun: false,
    });
    expect((await waitForImport(clients.municipality_admin, correction.body.id)).body).toMatchObject({
      status: 'succeeded',
      outcome: { created: 0, updated: 1, ended: 0, unchanged: 5 },
    });
    const { rows: moved } = await server.db.pool.query(
      `SELECT valid_from FROM team_membership WHERE municipality_id = $1 AND external_id = 'M2'`,
      [municipalityId],
    );
    expect(moved[0].valid_from.toISOString()).toBe('2026-01-15T06:00:00.000Z');
    // Written by a person, the same move is refused: the membership has begun, its start stays.
    const membershipId = (
      await server.db.pool.query(
        `SELECT id FROM team_membership WHERE municipality_id = $1 AND external_id = 'M1'`,
        [municipalityId],
      )
    ).rows[0].id as string;
    const byHand = await clients.municipality_admin.patch(`/api/v1/team-memberships/${membershipId}`, {
      validFrom: '2025-12-01T06:00:00Z',
    });
    expect(byHand.status).toBe(422);
    expect(byHand.body.code).toBe('already_started');
  });

  it('lets only the municipality administrator import, and administrators and auditors read imports', async () => {
    const dry = await clients.municipality_admin.post('/api/v1/imports', { files, isDryRun: true });
    for (const role of roles) {
      const post = await clients[role].post('/api/v1/imports', { files, isDryRun: true });
      expect({ role, status: post.status }).toEqual({
        role,
        status: role === 'municipality_admin' ? 201 : 403,
      });
      const get = await clients[role].get(`/api/v1/imports/${dry.body.id}`);
      const mayRead = role === 'municipality_admin' || role === 'auditor';
      expect({ role, status: get.status }).toEqual({ role, status: mayRead ? 200 : 403 });
    }
    // Another municipality's administrator does not learn that the import exists.
    expect((await otherAdmin.get(`/api/v1/imports/${dry.body.id}`)).status).toBe(404);
  });

  it('refuses bad input with 4xx and a code, and changes nothing', async () => {
    const before = await countRows();
    const admin = clients.municipality_admin;
    const answers = await Promise.all([
      admin.post('/api/v1/imports', { isDryRun: false }),
      admin.post('/api/v1/imports', { files: [], isDryRun: false }),
      admin.post('/api/v1/imports', {
        files: [{ name: 'okänd.csv', content: 'id;namn\nX;Y' }],
        isDryRun: false,
      }),
      admin.post('/api/v1/imports', {
        files: [{ name: 'staff.csv', content: 'personal-id,skostorlek\nP9,44' }],
        isDryRun: false,
      }),
      admin.post('/api/v1/imports', {
        files: [{ name: 'staff.csv', content: `${staff}\nP3,U-NONE,Ny,Person,IMP-3,2026-03-01` }],
        isDryRun: false,
      }),
      admin.post('/api/v1/imports', { files: [{ name: 'kunder.json', content: '[{' }], isDryRun: false }),
      admin.get('/api/v1/imports/00000000-0000-4000-8000-000000000000'),
      admin.get('/api/v1/imports/not-a-uuid'),
    ]);
    expect(answers.map((answer) => [answer.status, answer.body.code])).toEqual([
      [400, 'validation_failed'],
      [400, 'validation_failed'],
      [400, 'import_kind_unknown'],
      [422, 'import_file_invalid'],
      [422, 'import_file_invalid'],
      [422, 'import_file_invalid'],
      [404, 'not_found'],
      [400, 'validation_failed'],
    ]);
    expect(answers[4].body.details.errors).toEqual([
      expect.objectContaining({ file: 'staff.csv', line: 4, field: 'providerId' }),
    ]);
    expect(await countRows()).toBe(before);
  });

  it('refuses a file whose names hold control or direction characters, naming line and field', async () => {
    const before = await countRows();
    const newcomer = {
      providerId: 'U1',
      givenName: 'Eva',
      familyName: 'Import',
      employmentStartsOn: '2026-03-01',
    };
    // The body check lets a tab through `content` (a file is many lines); the cell is one line.
    const tabInName = await clients.municipality_admin.post('/api/v1/imports', {
      files: [{ name: 'staff.csv', content: `${staff}\nP3,U1,"Ny\tNamn",Person,IMP-3,2026-03-01` }],
      isDryRun: true,
    });
    // JSON escapes arrive as escapes in the body and become characters only in the file's values.
    const escapesInJson = await clients.municipality_admin.post('/api/v1/imports', {
      files: [
        {
          name: 'personal.json',
          // JSON.stringify writes BEL as the escape \u0007; the RLO is put in as an escape too.
          content: JSON.stringify([
            { ...newcomer, externalId: 'P4', givenName: 'A\u0007b' },
            { ...newcomer, externalId: 'P5', familyName: 'x-y' },
          ]).replace('x-y', 'x\\u202Ey'),
        },
      ],
      isDryRun: true,
    });
    expect([tabInName.status, tabInName.body.code]).toEqual([422, 'import_file_invalid']);
    expect(tabInName.body.details.errors).toEqual([
      expect.objectContaining({ file: 'staff.csv', line: 4, field: 'givenName' }),
    ]);
    expect([escapesInJson.status, escapesInJson.body.code]).toEqual([422, 'import_file_invalid']);
    expect(escapesInJson.body.details.errors).toEqual([
      expect.objectContaining({ file: 'personal.json', line: 1, field: 'givenName' }),
      expect.objectContaining({ file: 'personal.json', line: 2, field: 'familyName' }),
    ]);
    expect(await countRows()).toBe(before);
  });

  it('names the line in the file a row starts on, past a cell with line breaks and blank lines', async () => {
    const before = await countRows();
    const refused = await clients.municipality_admin.post('/api/v1/imports', {
      files: [
        {
          name: 'staff.csv',
          content: [
            'personal-id;utförar-id;förnamn;efternamn;anställningsnummer;anställd från',
            // Lines 2–4: one row, its name broken over three lines (a name may hold none).
            'R1;U1;"Ny\r\nNamn\r\nHär";Person;IMP-R1;2026-03-01',
            '',
            'R2;U1;Ny;Person;IMP-R2;2026-02-30',
          ].join('\r\n'),
        },
      ],
      isDryRun: true,
    });
    expect([refused.status, refused.body.code]).toEqual([422, 'import_file_invalid']);
    const errors = refused.body.details.errors as Array<Record<string, unknown>>;
    expect(errors.map(({ line, field, code }) => ({ line, field, code }))).toEqual([
      { line: 2, field: 'givenName', code: 'control_character' },
      { line: 6, field: 'employmentStartsOn', code: 'not_a_date' },
    ]);
    expect(await countRows()).toBe(before);
  });

  it('names every line’s problems when a cell holds a control character, that cell’s among them', async () => {
    const before = await countRows();
    const staffHeader = 'personal-id,utförar-id,förnamn,efternamn,anställningsnummer,anställd från';
    const refused = await clients.municipality_admin.post('/api/v1/imports', {
      files: [
        {
          name: 'staff.csv',
          content: [
            staffHeader,
            'Q1,U1,"Ny\tNamn",Person,IMP-Q1,2026-03-01',
            'Q2,U1,Ny,Person,IMP-Q2,2026-02-30',
            'Q3,U-NONE,Ny,Person,IMP-Q3,2026-03-01',
            // A row with a control character and a value of the wrong form: both are named.
            'Q4,U1,"Ny\tNamn",Person,IMP-Q4,inte ett datum',
            'Q5,U1,Ny,Person,IMP-Q5,2026-03-01',
            // A year the API refuses (a year-1 start once broke every permission check).
            'Q8,U1,Ny,Person,IMP-Q8,0001-01-01',
          ].join('\n'),
        },
        {
          name: 'personal.json',
          content: JSON.stringify([
            { externalId: 'Q6', providerId: 'U1', givenName: 'A\u0007b', familyName: 'Import' },
            { externalId: 'Q7', providerId: 'U1', givenName: 'Ny', familyName: 'Import' },
          ]).replace('"Import"}]', '"Import","employmentStartsOn":"2026-02-30"}]'),
        },
      ],
      isDryRun: true,
    });
    expect([refused.status, refused.body.code]).toEqual([422, 'import_file_invalid']);
    const errors = refused.body.details.errors as Array<Record<string, unknown>>;
    expect(errors.map(({ file, line, field, code }) => ({ file, line, field, code }))).toEqual([
      { file: 'personal.json', line: 1, field: 'employmentStartsOn', code: 'value_missing' },
      { file: 'personal.json', line: 1, field: 'givenName', code: 'control_character' },
      { file: 'personal.json', line: 2, field: 'employmentStartsOn', code: 'not_a_date' },
      { file: 'staff.csv', line: 2, field: 'givenName', code: 'control_character' },
      { file: 'staff.csv', line: 3, field: 'employmentStartsOn', code: 'not_a_date' },
      { file: 'staff.csv', line: 4, field: 'providerId', code: 'unknown_reference' },
      { file: 'staff.csv', line: 5, field: 'employmentStartsOn', code: 'not_a_date' },
      { file: 'staff.csv', line: 5, field: 'givenName', code: 'control_character' },
      { file: 'staff.csv', line: 7, field: 'employmentStartsOn', code: 'not_a_date' },
    ]);
    expect(refused.body.details.errorCount).toBe(9);
    expect(await countRows()).toBe(before);
  });

  it('gives each line error a code the contract lists and the parameters to word it, one per field', async () => {
    const before = await countRows();
    const admin = clients.municipality_admin;
    const refused = await admin.post('/api/v1/imports', {
      files: [
        {
          name: 'staff.csv',
          content: [
            'personal-id,utförar-id,förnamn,efternamn,anställningsnummer,yrke,anställd från',
            'P1,U1,Ida,Import,IMP-1,,2026-01-01',
            'P3,U-NONE,Ny,Person,IMP-3,,2026-03-01',
            'P4,U1,Ny,Person,IMP-4,,2026-02-30',
            'P5,U1,,Person,IMP-5,,2026-03-01',
            `P6,U1,Ny,Person,${'N'.repeat(41)},,2026-03-01`,
            'P7,U1,Ny,Person,IMP-7,pilot,2026-03-01',
            'P1,U1,Ida,Igen,IMP-8,,2026-03-01',
          ].join('\n'),
        },
        // A cell's text that may not be stored is its line's error, as a value of the wrong form is.
        {
          name: 'medarbetare.csv',
          content:
            'personal-id;utförar-id;förnamn;efternamn;anställd från\nP9;U1;"Ny\tNamn";Person;2026-03-01',
        },
        {
          name: 'planned-visits.json',
          content: JSON.stringify([
            {
              externalId: 'B1',
              customerId: 'K1',
              providerId: 'U1',
              services: [],
              plannedMinutes: 2000,
              windowStart: '2026-12-16T07:00:00Z',
              windowEnd: '2026-12-16T08:00:00Z',
              colour: 'blue',
            },
          ]),
        },
        { name: 'kunder.json', content: '[{' },
        { name: 'beviljad-tid.json', content: '7' },
        { name: 'registry.json', content: JSON.stringify({ katter: [] }) },
        // Imported before under U1: a team does not change provider.
        { name: 'teams.csv', content: 'id;utförar-id;namn\nT1;U2;Team Importerat' },
        { name: 'providers.csv', content: 'id;namn;regi;verksamheter\nU2;Andra AB;private;night_patrol' },
      ],
      isDryRun: true,
    });
    expect([refused.status, refused.body.code]).toEqual([422, 'import_file_invalid']);
    const errors = refused.body.details.errors as Array<Record<string, unknown>>;
    const said = errors.map(({ file, line, field, code, params }) => ({ file, line, field, code, params }));
    expect(said).toEqual([
      { file: 'beviljad-tid.json', line: 1, field: '', code: 'not_rows', params: undefined },
      { file: 'kunder.json', line: 1, field: '', code: 'not_json', params: undefined },
      { file: 'medarbetare.csv', line: 2, field: 'givenName', code: 'control_character', params: undefined },
      { file: 'planned-visits.json', line: 1, field: 'colour', code: 'unknown_field', params: undefined },
      {
        file: 'planned-visits.json',
        line: 1,
        field: 'services',
        code: 'too_few_values',
        params: { limit: 1 },
      },
      {
        file: 'planned-visits.json',
        line: 1,
        field: 'plannedMinutes',
        code: 'too_large',
        params: { limit: 1440 },
      },
      {
        file: 'registry.json',
        line: 1,
        field: 'katter',
        code: 'import_kind_unknown',
        params: { name: 'katter' },
      },
      {
        file: 'staff.csv',
        line: 3,
        field: 'providerId',
        code: 'unknown_reference',
        params: { kind: 'providers', value: 'U-NONE' },
      },
      { file: 'staff.csv', line: 4, field: 'employmentStartsOn', code: 'not_a_date', params: undefined },
      { file: 'staff.csv', line: 5, field: 'givenName', code: 'value_missing', params: undefined },
      { file: 'staff.csv', line: 6, field: 'employeeNumber', code: 'too_long', params: { limit: 40 } },
      {
        file: 'staff.csv',
        line: 7,
        field: 'occupation',
        code: 'value_not_allowed',
        params: { allowed: 'assistant_nurse, care_assistant, nurse' },
      },
      {
        file: 'staff.csv',
        line: 8,
        field: 'externalId',
        code: 'duplicate_key',
        params: { key: 'P1', firstFile: 'staff.csv', firstLine: 2 },
      },

      {
        file: 'teams.csv',
        line: 2,
        field: 'providerId',
        code: 'cannot_change',
        params: { before: 'U1', after: 'U2' },
      },
    ]);
    for (const error of errors)
      expect(isImportLineCode(String(error.code)), JSON.stringify(error)).toBe(true);
    // The English message stays for API clients.
    for (const error of errors) expect(error.message).toEqual(expect.any(String));
    expect(await countRows()).toBe(before);
  });

  it('records why an import failed with the refusal’s code and the line it refused, and changes nothing', async () => {
    const before = await countRows();
    const admin = clients.municipality_admin;
    // M1 has been imported without an end: ending it a week before the clock rewrites the past.
    const ended = JSON.stringify([
      {
        externalId: 'M1',
        teamId: 'T1',
        staffMemberId: 'P1',
        validFrom: '2026-01-01T06:00:00Z',
        validUntil: '2026-12-08T12:00:00Z',
      },
    ]);
    const started = await admin.post('/api/v1/imports', {
      files: [{ name: 'memberships.json', content: ended }],
      isDryRun: false,
    });
    expect(started.status).toBe(201);
    const job = (await waitForImport(admin, started.body.id)).body;
    expect(job).toMatchObject({ status: 'failed', error: { code: 'ends_in_the_past' } });
    expect(job.error.message).toContain('memberships.json line 1');
    expect(job.error.errors).toEqual([
      expect.objectContaining({
        file: 'memberships.json',
        line: 1,
        field: 'validUntil',
        code: 'ends_in_the_past',
        message: expect.any(String),
      }),
    ]);
    expect(await countRows()).toBe(before);
  });
});
