// `portvakt import` end to end on a real database (docs/imports.md): the demo's care-system
// export gives seed-demo's registry, a second export gives exactly its moves, errors change
// nothing, the same file twice changes nothing, and the bar is drawn on stderr.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createMunicipality, createUser } from '@portvakt/server/testing';
import { createTestDatabase, type TestDatabase } from '@portvakt/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCareSystemExport,
  moveInExport,
  writeCareSystemCsv,
  writeCareSystemJson,
  type CareSystemExport,
} from './care-system-export';
import { refuseMissingDatabase, runImportCommand } from './import.command';
import { seedDemo } from './seed-demo';
import { buildDemoWorld } from './seed-demo-data';

// The demo and both exports are made as of this instant; nothing reads the machine's date.
const seededAt = new Date('2026-11-20T12:00:00Z');
const movedAt = new Date('2026-11-27T09:00:00Z');
let db: TestDatabase;
let dir: string;
let demoId: string;
let importedId: string;
let admin: string;
let firstExport: CareSystemExport;

/** A stderr stand-in that keeps what was written. */
function captureStream(): Writable & { text: () => string; isTTY: boolean } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as Writable & { text: () => string; isTTY: boolean };
  stream.text = () => chunks.join('');
  stream.isTTY = false;
  return stream;
}

async function writeFiles(
  name: string,
  files: ReadonlyArray<{ name: string; content: string }>,
): Promise<string[]> {
  const folder = join(dir, name);
  await rm(folder, { recursive: true, force: true });
  await import('node:fs/promises').then((fs) => fs.mkdir(folder, { recursive: true }));
  return Promise.all(
    files.map(async (file) => {
      const path = join(folder, file.name);
      await writeFile(path, file.content);
      return path;
    }),
  );
}

function runImport(files: string[], options: { isDryRun: boolean; isFull?: boolean; now?: Date }) {
  return runImportCommand(
    db.pool,
    {
      files,
      municipality: 'IMPT',
      as: admin,
      isDryRun: options.isDryRun,
      isFull: options.isFull ?? false,
      now: options.now ?? seededAt,
    },
    captureStream(),
  );
}

/**
 * The registry the care system owns, per table, as sorted lines of natural keys (names, codes,
 * dates): what must agree between seed-demo's municipality and the imported one.
 */
async function readRegistry(municipalityId: string): Promise<Record<string, string[]>> {
  const queries: Record<string, string> = {
    districts: `SELECT code, name FROM district WHERE municipality_id = $1`,
    providers: `SELECT name, organisation_number, ownership, array_to_string(kinds, '|') AS kinds, contact_email,
        contact_phone FROM provider WHERE municipality_id = $1`,
    teams: `SELECT p.name AS provider, d.code AS district, t.name, t.area FROM team t
        JOIN provider p ON p.id = t.provider_id LEFT JOIN district d ON d.id = t.district_id
        WHERE t.municipality_id = $1`,
    customers: `SELECT d.code, c.given_name, c.family_name FROM customer c JOIN district d ON d.id = c.district_id
        WHERE c.municipality_id = $1`,
    services: `SELECT c.given_name, c.family_name, d.code, s.service, p.name, s.starts_on::text, s.ends_on::text
        FROM customer_service s JOIN customer c ON c.id = s.customer_id JOIN district d ON d.id = c.district_id
        JOIN provider p ON p.id = s.provider_id WHERE s.municipality_id = $1`,
    staff: `SELECT p.name, s.given_name, s.family_name, s.employee_number, s.employment_starts_on::text,
        s.employment_ends_on::text FROM staff_member s JOIN provider p ON p.id = s.provider_id
        WHERE s.municipality_id = $1`,
    memberships: `SELECT t.name, s.employee_number, m.valid_from, m.valid_until FROM team_membership m
        JOIN team t ON t.id = m.team_id JOIN staff_member s ON s.id = m.staff_member_id WHERE m.municipality_id = $1`,
    assignments: `SELECT t.name, c.given_name, c.family_name, a.valid_from, a.valid_until, a.reason
        FROM team_customer a JOIN team t ON t.id = a.team_id JOIN customer c ON c.id = a.customer_id
        WHERE a.municipality_id = $1`,
  };
  const registry: Record<string, string[]> = {};
  for (const [name, sql] of Object.entries(queries)) {
    const { rows } = await db.pool.query(sql, [municipalityId]);
    registry[name] = rows
      .map((row) =>
        JSON.stringify(
          Object.values(row).map((value) => (value instanceof Date ? value.toISOString() : value)),
        ),
      )
      .sort();
  }
  return registry;
}

async function countAudit(requestId: string): Promise<number> {
  const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM audit_entry WHERE request_id = $1', [
    requestId,
  ]);
  return rows[0].n as number;
}

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'portvakt-import-'));
  demoId = (await seedDemo(db.pool, { now: seededAt })).municipalityId;
  importedId = await createMunicipality(db.pool, 'IMPT', 'Importkommun');
  admin = await createUser(db.pool, importedId, 'municipality_admin');
  firstExport = buildCareSystemExport(buildDemoWorld(seededAt));
}, 300_000);
afterAll(async () => {
  await db.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('portvakt import', () => {
  it('applies the demo municipality’s care-system export on an empty municipality and gives seed-demo’s registry', async () => {
    const files = await writeFiles('first', writeCareSystemCsv(firstExport, 'sv'));
    const stderr = captureStream();
    const dry = await runImportCommand(
      db.pool,
      { files, municipality: 'IMPT', as: admin, isDryRun: true, isFull: true, now: seededAt },
      stderr,
    );
    const rowCount = Object.values(firstExport).reduce((sum, rows) => sum + rows.length, 0);
    expect(dry.outcome).toMatchObject({ rows: rowCount, created: rowCount, updated: 0, ended: 0 });
    // The dry run changed nothing.
    expect((await readRegistry(importedId)).customers).toEqual([]);

    const applied = await runImportCommand(
      db.pool,
      { files, municipality: 'IMPT', as: admin, isDryRun: false, isFull: true, now: seededAt },
      stderr,
    );
    expect(applied.outcome.created).toBe(rowCount);
    expect(await readRegistry(importedId)).toEqual(await readRegistry(demoId));
    // Every change is in the audit trail as the import's, plus the import's own entry.
    expect(await countAudit(`import:${applied.importId}`)).toBe(rowCount + 1);
    // The progress bar went to stderr and reached the end.
    expect(stderr.text()).toContain(`100% ${rowCount}/${rowCount} changes`);
  }, 300_000);

  it('changes nothing when the same export comes again, as CSV in English or as JSON', async () => {
    const before = await readRegistry(importedId);
    for (const [name, files] of [
      ['again-en', writeCareSystemCsv(firstExport, 'en')],
      ['again-json', [writeCareSystemJson(firstExport)]],
    ] as const) {
      const again = await runImport(await writeFiles(name, files), { isDryRun: false, isFull: true });
      expect(again.outcome).toMatchObject({ created: 0, updated: 0, ended: 0, changes: [] });
    }
    expect(await readRegistry(importedId)).toEqual(before);
  }, 120_000);

  it('shows a second export’s moves, new loan and ended service as exactly that diff, then applies it', async () => {
    const { data, moves } = moveInExport(firstExport, movedAt);
    const files = await writeFiles('second', writeCareSystemCsv(data, 'sv'));
    const dry = await runImport(files, { isDryRun: true, isFull: true, now: movedAt });
    const summary = dry.outcome.changes.map((change) => ({
      kind: change.kind,
      key: change.key,
      action: change.action,
      fields: Object.fromEntries(change.fields.map((field) => [field.field, [field.before, field.after]])),
    }));
    const at = moves.movedAt;
    expect(summary).toEqual(
      expect.arrayContaining([
        {
          kind: 'services',
          key: moves.endedService,
          action: 'end',
          fields: { endsOn: [null, at.slice(0, 10)] },
        },
        {
          kind: 'memberships',
          key: moves.staffMove.endedMembership,
          action: 'end',
          fields: { validUntil: [null, at] },
        },
        {
          kind: 'memberships',
          key: moves.staffMove.newMembership,
          action: 'create',
          fields: {
            teamId: [null, moves.staffMove.toTeam],
            staffMemberId: [null, moves.staffMove.staffMemberId],
            validFrom: [null, at],
          },
        },
        expect.objectContaining({ kind: 'memberships', key: moves.temporaryMembership, action: 'create' }),
        {
          kind: 'assignments',
          key: moves.customerMove.endedAssignment,
          action: 'end',
          fields: { validUntil: [null, at] },
        },
        expect.objectContaining({
          kind: 'assignments',
          key: moves.customerMove.newAssignment,
          action: 'create',
        }),
      ]),
    );
    expect(summary).toHaveLength(6);
    expect(dry.outcome).toMatchObject({ created: 3, updated: 0, ended: 3 });

    const applied = await runImport(files, { isDryRun: false, isFull: true, now: movedAt });
    expect(applied.outcome.changes).toEqual(dry.outcome.changes);
    const { rows } = await db.pool.query(
      `SELECT m.external_id, t.external_id AS team, m.valid_until FROM team_membership m JOIN team t ON t.id = m.team_id
       JOIN staff_member s ON s.id = m.staff_member_id WHERE s.external_id = $1 AND m.municipality_id = $2 ORDER BY m.valid_from`,
      [moves.staffMove.staffMemberId, importedId],
    );
    expect(rows).toEqual([
      { external_id: moves.staffMove.endedMembership, team: expect.any(String), valid_until: new Date(at) },
      { external_id: moves.staffMove.newMembership, team: moves.staffMove.toTeam, valid_until: null },
    ]);
    const { rows: services } = await db.pool.query(
      `SELECT ends_on::text FROM customer_service WHERE external_id = $1 AND municipality_id = $2`,
      [moves.endedService, importedId],
    );
    expect(services).toEqual([{ ends_on: at.slice(0, 10) }]);
    // Applied once, the same file is nothing new.
    const again = await runImport(files, { isDryRun: true, isFull: true, now: movedAt });
    expect(again.outcome.changes).toEqual([]);
  }, 120_000);

  it('refuses a file with errors on three lines, names the three lines and changes nothing', async () => {
    const before = await readRegistry(importedId);
    const staff = firstExport.staff.slice(0, 6).map((row) => ({ ...row }));
    staff[1]!.employmentStartsOn = '2026-13-01'; // line 3
    staff[3]!.providerId = 'U-NOSUCH'; // line 5
    staff[4]!.externalId = staff[0]!.externalId; // line 6: the same id twice
    staff[2]!.givenName = 'Ändrad'; // a valid change that must not be applied either
    const [file] = writeCareSystemCsv({ ...emptyExport(), staff }, 'sv').filter(
      (f) => f.name === 'personal.csv',
    );
    const files = await writeFiles('errors', [file!]);
    const refused = await runImport(files, { isDryRun: false }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ statusCode: 422, code: 'import_file_invalid' });
    const errors = (refused as { details: { errors: Array<{ file: string; line: number; field: string }> } })
      .details.errors;
    expect(errors.map(({ file, line, field }) => ({ file, line, field }))).toEqual([
      { file: 'personal.csv', line: 3, field: 'employmentStartsOn' },
      { file: 'personal.csv', line: 5, field: 'providerId' },
      { file: 'personal.csv', line: 6, field: 'externalId' },
    ]);
    expect(await readRegistry(importedId)).toEqual(before);
  }, 60_000);

  it('undoes the whole import when a registry rule refuses a line, and names that line', async () => {
    const before = await readRegistry(importedId);
    // A new customer, and a membership ended a week before the import's clock: ending access in
    // the past would rewrite what the record said (ends_in_the_past).
    const customers = [
      {
        externalId: 'K-NY-1',
        districtId: firstExport.districts[0]!.code,
        givenName: 'Ny',
        familyName: 'Kund',
      },
    ];
    const memberships = [{ ...firstExport.memberships.find((row) => !row.validUntil)! }];
    memberships[0]!.validUntil = new Date(movedAt.getTime() - 7 * 86_400_000).toISOString();
    const files = await writeFiles(
      'rule',
      writeCareSystemCsv({ ...emptyExport(), customers, memberships }, 'en').filter((f) =>
        ['customers.csv', 'memberships.csv'].includes(f.name),
      ),
    );
    const refused = await runImport(files, { isDryRun: false, now: movedAt }).catch(
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({
      statusCode: 422,
      code: 'ends_in_the_past',
      details: { errors: [{ file: 'memberships.csv', line: 2, field: 'validUntil' }] },
    });
    expect(await readRegistry(importedId)).toEqual(before);
  }, 60_000);

  it('refuses a file saved as Windows-1252, naming it, and imports nothing of any file', async () => {
    const before = await readRegistry(importedId);
    const imports = () => db.pool.query('SELECT count(*)::int AS n FROM care_system_import');
    const importsBefore = (await imports()).rows[0].n as number;
    const district = String(firstExport.districts[0]!.code);
    // Headers in ASCII: only line 2's names are not UTF-8, and read as UTF-8 they would be "\uFFFDsa".
    const csv = `externalId;districtId;givenName;familyName\nK-LATIN-1;${district};Åsa;Öberg\n`;
    const folder = join(dir, 'latin1');
    await mkdir(folder, { recursive: true });
    const latin1 = join(folder, 'kunder.csv');
    // Latin-1 and Windows-1252 agree on å, ä, ö: one byte each (0xE5, 0xE4, 0xF6), never UTF-8.
    await writeFile(latin1, Buffer.from(csv, 'latin1'));
    const [utf8] = await writeFiles('latin1-other', writeCareSystemCsv(firstExport, 'sv').slice(0, 1));
    const refused = await runImport([utf8!, latin1], { isDryRun: false }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Error);
    const message = (refused as Error).message;
    expect(message).toContain(latin1);
    expect(message).toMatch(/not UTF-8/);
    expect(message).toMatch(/line 2\b/);
    expect(message).toMatch(/save it as UTF-8/i);
    expect(await readRegistry(importedId)).toEqual(before);
    expect((await imports()).rows[0].n).toBe(importsBefore);
  });

  it('names two files of the same name in different folders by their paths', async () => {
    const header = 'kund-id;område;förnamn;efternamn';
    const [north] = await writeFiles('norr', [{ name: 'kunder.csv', content: `${header}\nK60;NORR;A;B` }]);
    const [south] = await writeFiles('soder', [
      { name: 'kunder.csv', content: `${header}\nK62;SÖDER;E;F\nK60;SÖDER;A;B` },
    ]);
    const refused = await runImport([north!, south!], { isDryRun: true }).catch((error: unknown) => error);
    const errors = (refused as { details: { errors: Array<{ code: string }> } }).details.errors;
    expect(errors.filter((error) => error.code === 'duplicate_key')).toEqual([
      expect.objectContaining({
        file: south,
        line: 3,
        params: { key: 'K60', firstFile: north, firstLine: 2 },
      }),
    ]);
  });

  it('refuses to import without a database rather than making an empty one under DATA_DIR', async () => {
    const empty = join(dir, 'no-database');
    expect(() => refuseMissingDatabase({ databaseUrl: undefined, dataDir: empty })).toThrow(
      `No database under ${empty}: the import does not create one.`,
    );
    expect(() => refuseMissingDatabase({ databaseUrl: db.url, dataDir: empty })).not.toThrow();
    await mkdir(join(empty, 'postgres', 'pg'), { recursive: true });
    await writeFile(join(empty, 'postgres', 'pg', 'PG_VERSION'), '17\n');
    expect(() => refuseMissingDatabase({ databaseUrl: undefined, dataDir: empty })).not.toThrow();
  });

  it('refuses an account that is not the municipality’s administrator', async () => {
    const { rows } = await db.pool.query('SELECT id FROM provider WHERE municipality_id = $1 LIMIT 1', [
      importedId,
    ]);
    const lead = await createUser(db.pool, importedId, 'work_lead', { providerId: rows[0].id as string });
    const files = await writeFiles('lead', writeCareSystemCsv(firstExport, 'en').slice(0, 1));
    await expect(
      runImportCommand(
        db.pool,
        { files, municipality: 'IMPT', as: lead, isDryRun: true, isFull: false, now: seededAt },
        captureStream(),
      ),
    ).rejects.toMatchObject({ statusCode: 403 });
  });
});

function emptyExport(): CareSystemExport {
  return {
    districts: [],
    providers: [],
    teams: [],
    customers: [],
    services: [],
    staff: [],
    memberships: [],
    assignments: [],
    plannedVisits: [],
    grantedTime: [],
  };
}
