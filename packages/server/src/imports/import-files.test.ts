// How an import reads the files people send it (docs/imports.md), over real HTTP on real
// PostgreSQL with a fixed clock: text decomposed as macOS writes it (NFD) is read as the same
// text typed in (NFC); the dry run refuses a row the import would refuse on its own; a reference to
// a row of the files that was refused says so; and the shapes spreadsheets and folders give files
// (Excel's trailing `;`, a row with the wrong number of cells, two files of the same name, a BOM
// only) are answered as the CLI answers them, each problem at the line the row starts on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../platform/testing';
import { startTestMunicipality } from '../platform/world.testing';

const now = new Date('2026-12-15T12:00:00Z');
let close: () => Promise<void>;
let admin: ApiClient;

const nfd = (text: string) => text.normalize('NFD');
const districts = { name: 'omraden.csv', content: 'kod;namn\nNORR;Norra området' };
const providers = {
  name: 'utforare.csv',
  content: 'id;namn;regi;verksamheter\nU1;Omsorg Norr AB;private;day_home_care',
};

async function importFiles(files: Array<{ name: string; content: string }>, isDryRun = false) {
  const started = await admin.post('/api/v1/imports', { files, isDryRun });
  if (started.status !== 201 || isDryRun) return started;
  for (;;) {
    const job = await admin.get(`/api/v1/imports/${started.body.id}`);
    if (job.body.status !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The line errors of a refused import, as `file:line field code`. */
const lineErrors = (body: { details?: { errors?: Array<Record<string, unknown>> } }) =>
  (body.details?.errors ?? []).map(
    (e) => `${String(e.file)}:${String(e.line)} ${String(e.field)} ${String(e.code)}`,
  );

beforeAll(async () => {
  const started = await startTestMunicipality({ now: () => now });
  ({ admin } = started);
  close = () => started.server.close();
  expect((await importFiles([districts, providers])).body.status).toBe('succeeded');
}, 120_000);
afterAll(async () => close());

describe('an import’s files', () => {
  it('reads headers and values written decomposed (NFD) as the same text composed (NFC)', async () => {
    const kunder = nfd('kund-id;område;förnamn;efternamn\nK1;NORR;Åsa;Öhrnqvist');
    const first = await importFiles([{ name: nfd('kunder.csv'), content: kunder }]);
    expect(first.body).toMatchObject({ status: 'succeeded', outcome: { created: 1 } });
    // The same customer typed in is the same: nothing to change.
    const again = await importFiles([
      { name: 'kunder.csv', content: 'kund-id;område;förnamn;efternamn\nK1;NORR;Åsa;Öhrnqvist' },
    ]);
    expect(again.body).toMatchObject({ status: 'succeeded', outcome: { updated: 0, unchanged: 1 } });
    const found = await admin.get(`/api/v1/customers?q=${encodeURIComponent('Öhrnqvist')}`);
    expect(found.body.items.map((c: { givenName: string }) => c.givenName)).toEqual(['Åsa']);
  });

  it('refuses in the dry run a service that ends before it starts, as the import would', async () => {
    const insatser = {
      name: 'insatser.csv',
      content: 'insats-id;kund-id;insats;utförar-id;från;till\nI1;K1;home_care;U1;2026-05-01;2026-04-01',
    };
    const dry = await importFiles([insatser], true);
    expect([dry.status, dry.body.code]).toEqual([422, 'import_file_invalid']);
    expect(lineErrors(dry.body)).toEqual(['insatser.csv:2 endsOn ends_before_start']);
    expect(dry.body.details.errors[0].params).toEqual({ kind: 'services', key: 'I1', action: 'create' });
  });

  it('says a reference is to a row of the files that was refused, naming that row’s line', async () => {
    const dry = await importFiles(
      [
        {
          name: 'utförare.csv',
          content: 'id;namn;regi;verksamheter;orgnr\nU7;Omsorg Syd AB;private;day_home_care;12',
        },
        { name: 'team.csv', content: 'id;utförar-id;område;namn\nT7;U7;NORR;Team Syd' },
      ],
      true,
    );
    expect(lineErrors(dry.body)).toEqual([
      'team.csv:2 providerId reference_refused',
      'utförare.csv:2 organisationNumber wrong_form',
    ]);
    expect(dry.body.details.errors[0].params).toEqual({
      kind: 'providers',
      value: 'U7',
      refusedFile: 'utförare.csv',
      refusedLine: 2,
    });
  });

  it('names the line a row with a quote never closed starts on', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `Q${i + 3};NORR;Ada;Berg`);
    const content = ['kund-id;område;förnamn;efternamn', 'Q1;NORR;A;B', 'Q2;NORR;"C;D', ...rows].join('\n');
    const dry = await importFiles([{ name: 'kunder.csv', content }], true);
    expect(lineErrors(dry.body)).toEqual(['kunder.csv:3  file_unreadable']);
  });

  it('takes Excel’s trailing ; and reports each row with the wrong number of cells, not the file', async () => {
    const excel = await importFiles(
      [{ name: 'kunder.csv', content: 'kund-id;område;förnamn;efternamn;\nK91;NORR;Per;Persson;' }],
      true,
    );
    expect(excel.body).toMatchObject({ status: 'succeeded', outcome: { created: 1 } });
    const uneven = await importFiles(
      [
        {
          name: 'kunder.csv',
          content:
            'kund-id;område;förnamn;efternamn\nK92;NORR;Per;Persson;extra\nK93;NORR;Per\nK94;NOPE;Eva;Ek',
        },
      ],
      true,
    );
    expect(lineErrors(uneven.body)).toEqual([
      'kunder.csv:2  wrong_cell_count',
      'kunder.csv:3  wrong_cell_count',
      'kunder.csv:4 districtId unknown_reference',
    ]);
  });

  it('tells two files of the same name apart', async () => {
    const dry = await importFiles(
      [
        { name: 'kunder.csv', content: 'kund-id;område;förnamn;efternamn\nK60;NORR;A;B' },
        { name: 'kunder.csv', content: 'kund-id;område;förnamn;efternamn\nK62;NORR;E;F\nK60;NORR;A;B' },
      ],
      true,
    );
    expect(dry.body.details.errors).toEqual([
      expect.objectContaining({
        file: 'kunder.csv (2)',
        line: 3,
        code: 'duplicate_key',
        params: { key: 'K60', firstFile: 'kunder.csv', firstLine: 2 },
      }),
    ]);
  });

  it('refuses a file of a BOM only as an empty file, as the CLI does', async () => {
    const dry = await importFiles([{ name: 'kunder.csv', content: '\uFEFF' }], true);
    expect([dry.status, dry.body.code]).toEqual([422, 'import_file_invalid']);
    expect(lineErrors(dry.body)).toEqual(['kunder.csv:1  empty_file']);
  });
});
