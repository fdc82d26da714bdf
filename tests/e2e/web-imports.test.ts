// The import page of the console in a real browser (Debian's Chromium via playwright-core)
// against the real server with its clock fixed (docs/imports.md): the administrator chooses the
// care system's files, previews the diff, applies it and follows its progress; a file with
// errors names its lines and changes nothing, a refusal of a whole file (empty_file,
// unknown_column…) and each line's problem (an unknown reference, a date of the wrong form, a value
// not allowed) are put in the reader's words, as is why an applied import failed (said once) and the
// line it stopped at; fields go by their labels, a preview's instants in Stockholm time, counts in
// words that agree with the number, and a cell's control character is one line error among the
// others; the page is in Swedish first, English on request; an auditor gets a notice, not the
// form; a work lead has no import page.
// Screenshots go to test-artifacts/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestWorld, type ApiClient, type TestServer } from '@portvakt/server/testing';
import { saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

const now = new Date('2026-11-20T12:00:00Z');
let server: TestServer;
let admin: ApiClient;
let municipalityId: string;
let adminName: string;
let leadName: string;
let auditorName: string;

// Enough staff that applying takes a few seconds, so the progress is seen while it runs.
const staffCount = 600;
const providers = 'id;namn;regi;verksamheter\nU1;Hemtjänst Norr AB;private;day_home_care\n';
const teams = 'id;utförar-id;namn\nT1;U1;Team Norr 1\nT2;U1;Team Norr 2\n';
const staff = [
  'personal-id;utförar-id;förnamn;efternamn;anställningsnummer;anställd från',
  ...Array.from({ length: staffCount }, (_, i) => `P${i};U1;Namn${i};Efternamn${i};N-${i};2026-01-01`),
].join('\n');
const memberships = [
  'medlemskaps-id;team-id;personal-id;från',
  ...Array.from({ length: staffCount }, (_, i) => `M${i};T${1 + (i % 2)};P${i};2026-01-01T06:00:00Z`),
].join('\n');
const file = (name: string, content: string) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(`\uFEFF${content}`, 'utf8'),
});

async function countStaff(): Promise<number> {
  const { rows } = await server.db.pool.query(
    'SELECT count(*)::int AS n FROM staff_member WHERE municipality_id = $1',
    [municipalityId],
  );
  return rows[0].n as number;
}

beforeAll(async () => {
  await ensureWebBuild();
  const started = await startTestWorld({ now: () => now });
  ({ server, municipalityId, adminName, admin } = started);
  leadName = await started.createUser('work_lead', { providerId: started.world.provider.a });
  auditorName = await started.createUser('auditor');
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const { openAs } = useBrowser(() => server.url);

/** Previews, in Swedish, a staff file whose three lines each have one error (an unknown provider,
 * a day that does not exist, an unknown occupation). */
async function previewBrokenStaff(page: Page) {
  const broken = [
    'personal-id;utförar-id;förnamn;efternamn;anställd från;yrke',
    'X1;U-SAKNAS;Eva;Fel;2026-01-01;',
    'X2;U-SAKNAS;Ola;Fel;2026-02-30;',
    'X3;U-SAKNAS;Kim;Fel;2026-01-01;pilot',
  ].join('\n');
  await page.getByTestId('import-files').setInputFiles([file('personal.csv', broken)]);
  await page.getByRole('button', { name: 'Förhandsgranska' }).click();
  await page.getByRole('heading', { name: 'Fel i filerna' }).waitFor();
}

describe('the import page', () => {
  it('names the lines of a file with errors and changes nothing', async () => {
    const before = await countStaff();
    const page = await openAs(adminName, '/imports');
    await page.getByRole('heading', { name: 'Import från verksamhetssystemet', level: 1 }).waitFor();
    const broken = [
      'personal-id;utförar-id;förnamn;efternamn;anställd från',
      'X1;U-SAKNAS;Eva;Fel;2026-01-01',
      'X2;U-SAKNAS;Ola;Fel;2026-02-30',
      'X3;U-SAKNAS;Kim;Fel;inte ett datum',
    ].join('\n');
    await page.getByTestId('import-files').setInputFiles([file('personal.csv', broken)]);
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page.getByRole('heading', { name: 'Fel i filerna' }).waitFor();
    for (const line of ['personal.csv:2', 'personal.csv:3', 'personal.csv:4'])
      expect(await page.locator('.imports-errors td', { hasText: line }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Genomför import' }).isDisabled()).toBe(true);
    await saveScreenshot(page, 'imports-errors');
    expect(await countStaff()).toBe(before);
    await page.context().close();
  });

  it('says a refusal of a whole file (an unknown column, no rows) in Swedish and in English', async () => {
    const before = await countStaff();
    const page = await openAs(adminName, '/imports');
    await page
      .getByTestId('import-files')
      .setInputFiles([
        file('personal.csv', 'personal-id;utförar-id;favoritfärg\nX1;U1;blå'),
        file('utforare.csv', 'id;namn;regi;verksamheter'),
      ]);
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page.getByRole('heading', { name: 'Fel i filerna' }).waitFor();
    const errors = page.locator('.imports-errors');
    await errors.getByText('Filen har en kolumn som inte känns igen.', { exact: false }).waitFor();
    expect(await errors.locator('td', { hasText: 'favoritfärg' }).count()).toBe(1);
    await errors.getByText('Filen har inga rader.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await errors.getByText('The file has a column that is not recognised.', { exact: false }).waitFor();
    await errors.getByText('The file has no rows.', { exact: false }).waitFor();
    await saveScreenshot(page, 'imports-file-refused-en');
    expect(await countStaff()).toBe(before);
    await page.context().close();
  });

  it('says what is wrong on each line in Swedish and in English, not in the server’s words', async () => {
    const page = await openAs(adminName, '/imports');
    await previewBrokenStaff(page);
    const problems = page.locator('.imports-errors tbody tr');
    const readProblems = async () =>
      Promise.all((await problems.all()).map((row) => row.locator('td').allTextContents()));
    expect(await readProblems()).toEqual([
      ['personal.csv:2', 'Utförare', 'Utförare U-SAKNAS finns varken i filerna eller i en tidigare import.'],
      [
        'personal.csv:3',
        'Anställd från',
        'Ange ett datum som ÅÅÅÅ-MM-DD mellan 1900 och 2999, till exempel 2026-03-01.',
      ],
      [
        'personal.csv:4',
        'Yrkesroll',
        'Värdet är inte tillåtet. Tillåtna värden: assistant_nurse, care_assistant, nurse.',
      ],
    ]);
    await saveScreenshot(page, 'imports-row-errors-sv');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Errors in the files' }).waitFor();
    expect((await readProblems()).map(([, , problem]) => problem)).toEqual([
      'Provider U-SAKNAS is neither in the files nor in an earlier import.',
      'Give a date as YYYY-MM-DD between 1900 and 2999, for example 2026-03-01.',
      'The value is not allowed. Allowed values: assistant_nurse, care_assistant, nurse.',
    ]);
    await saveScreenshot(page, 'imports-row-errors-en');
    await page.context().close();
  });

  it('says why an applied import failed and the line it stopped at, in Swedish and in English', async () => {
    // Imported before: a staff member's membership without an end.
    const setup = await admin.post('/api/v1/imports', {
      files: [
        { name: 'utforare.csv', content: 'id;namn;regi;verksamheter\nUF;Fel AB;private;day_home_care' },
        { name: 'team.csv', content: 'id;utförar-id;namn\nTF;UF;Team Fel' },
        {
          name: 'personal.csv',
          content: 'personal-id;utförar-id;förnamn;efternamn;anställd från\nPF;UF;Fia;Fel;2026-01-01',
        },
        {
          name: 'teammedlemskap.csv',
          content: 'medlemskaps-id;team-id;personal-id;från\nMF;TF;PF;2026-01-01T06:00:00Z',
        },
      ],
      isDryRun: false,
    });
    expect(setup.status).toBe(201);
    await expect
      .poll(async () => (await admin.get(`/api/v1/imports/${setup.body.id}`)).body.status)
      .toBe('succeeded');

    // The care system ends it a week before the clock: the registry refuses to rewrite the past.
    const before = await countStaff();
    const page = await openAs(adminName, '/imports');
    const ended =
      'medlemskaps-id;team-id;personal-id;från;till\nMF;TF;PF;2026-01-01T06:00:00Z;2026-11-13T06:00:00Z';
    await page.getByTestId('import-files').setInputFiles([file('teammedlemskap.csv', ended)]);
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await expect.poll(() => page.locator('tr[data-action="end"]').count()).toBe(1);
    await page.getByRole('button', { name: 'Genomför import' }).click();
    const failed = page.getByText('Importen misslyckades och inget ändrades:', { exact: false });
    await failed.waitFor({ timeout: 60_000 });
    expect(await failed.textContent()).toBe(
      'Importen misslyckades och inget ändrades: Ett slut kan inte läggas bakåt i tiden: det som redan har gällt ska stå kvar. Ett tillstånd eller medlemskap avslutas tidigast nu, en anställning eller insats tidigast i dag (sista dagen räknas med).',
    );
    await page.getByRole('heading', { name: 'Där importen stoppades' }).waitFor();
    const stopped = page.locator('.imports-errors tbody tr');
    expect(await stopped.locator('td').allTextContents()).toEqual(['teammedlemskap.csv:2', 'Gäller till']);
    // The reason is said once, in the notice; the table says where.
    expect(await page.getByText('Ett slut kan inte läggas bakåt i tiden', { exact: false }).count()).toBe(1);
    await saveScreenshot(page, 'imports-failed-sv');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Where the import stopped' }).waitFor();
    expect(
      await page.getByText('The import failed and nothing was changed:', { exact: false }).textContent(),
    ).toBe(
      'The import failed and nothing was changed: An end cannot be placed in the past: what has already applied stays as it was. A grant or membership ends now at the earliest, an employment or service today (its last day counts).',
    );
    expect(await stopped.locator('td').allTextContents()).toEqual(['teammedlemskap.csv:2', 'Valid until']);
    expect(await page.getByText('An end cannot be placed in the past', { exact: false }).count()).toBe(1);
    await saveScreenshot(page, 'imports-failed-en');
    expect(await countStaff()).toBe(before);
    await page.context().close();
  }, 120_000);

  it('previews the diff, applies it with progress, and shows the result', async () => {
    const before = await countStaff();
    const page = await openAs(adminName, '/imports');
    await page
      .getByTestId('import-files')
      .setInputFiles([
        file('utforare.csv', providers),
        file('team.csv', teams),
        file('personal.csv', staff),
        file('teammedlemskap.csv', memberships),
      ]);
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    const total = 1 + 2 + staffCount * 2;
    await expect
      .poll(() => page.getByTestId('import-summary').textContent())
      .toContain(`${total.toLocaleString('sv-SE')} skapas`);
    expect(await page.locator('tr[data-action="create"]').count()).toBe(total);
    expect(await countStaff()).toBe(before);
    await saveScreenshot(page, 'imports-preview', { fullPage: false });

    await page.getByRole('button', { name: 'Genomför import' }).click();
    // The console polls the import's row: the bar moves while the import runs.
    const progress = page.locator('progress.imports-progress');
    await expect
      .poll(async () => Number((await progress.getAttribute('value')) ?? 0), { timeout: 60_000 })
      .toBeGreaterThan(0);
    await saveScreenshot(page, 'imports-progress', { fullPage: false });
    await page.getByText('Importen är genomförd.', { exact: false }).waitFor({ timeout: 120_000 });
    await expect
      .poll(() => page.getByTestId('import-summary').textContent())
      .toContain(`${total.toLocaleString('sv-SE')} skapades`);
    await saveScreenshot(page, 'imports-done', { fullPage: false });
    expect(await countStaff()).toBe(before + staffCount);

    // The same files again: nothing new.
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page.getByText('Filerna innehåller inget nytt.').waitFor();

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Import from the care system', level: 1 }).waitFor();
    await page.context().close();
  }, 180_000);

  it('says a line’s field and a change’s fields by their labels in Swedish and English, not by their names in the API', async () => {
    const page = await openAs(adminName, '/imports');
    await previewBrokenStaff(page);
    const fieldCells = page.locator('.imports-errors tbody tr td:nth-child(2)');
    expect(await fieldCells.allTextContents()).toEqual(['Utförare', 'Anställd från', 'Yrkesroll']);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Errors in the files' }).waitFor();
    expect(await fieldCells.allTextContents()).toEqual(['Provider', 'Employed from', 'Occupation']);

    const provider = 'id;namn;regi;verksamheter;e-post\nUL;Labb AB;private;day_home_care;post@labb.se';
    await page.getByTestId('import-files').setInputFiles([file('utforare.csv', provider)]);
    await page.getByRole('button', { name: 'Preview' }).click();
    const fields = page.locator('.imports-changes .imports-fields li');
    const readLabels = async () => (await fields.allTextContents()).map((text) => text.split(':')[0]);
    await expect.poll(readLabels).toEqual(['Name', 'Ownership', 'Operations', 'Email']);
    await page.getByRole('button', { name: 'Svenska' }).click();
    await expect.poll(readLabels).toEqual(['Namn', 'Driftform', 'Verksamhet', 'E-post']);
    await page.context().close();
  });

  it('shows a preview’s instants as local date and time in Stockholm, and its dates as the language writes them', async () => {
    const page = await openAs(adminName, '/imports');
    await page.getByTestId('import-files').setInputFiles([
      file('utforare.csv', 'id;namn;regi;verksamheter\nUI;Tid AB;private;day_home_care'),
      file('team.csv', 'id;utförar-id;namn\nTI;UI;Team Tid'),
      file(
        'personal.csv',
        'personal-id;utförar-id;förnamn;efternamn;anställd från\nPI;UI;Tim;Tid;2026-01-01',
      ),
      // Winter (UTC+1) and summer (UTC+2): the preview shows Stockholm's wall clock, not UTC.
      file(
        'teammedlemskap.csv',
        'medlemskaps-id;team-id;personal-id;från;till\nMI;TI;PI;2026-01-01T06:00:00Z;2027-06-01T06:00:00Z',
      ),
    ]);
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    // A change's row by its key, in either language.
    const changeOf = (key: string) =>
      page
        .locator('tr[data-action="create"]')
        .filter({ has: page.locator('td', { hasText: new RegExp(`^${key}$`) }) });
    const membership = changeOf('MI');
    const staffMember = changeOf('PI');
    await membership.waitFor();
    const membershipFields = await membership.locator('.imports-fields li').allTextContents();
    await saveScreenshot(page, 'imports-preview-instants-sv');
    expect(membershipFields.join('\n')).not.toMatch(/T06:00|Z\b/);
    expect(membershipFields).toEqual([
      'Team: TI',
      'Medarbetare: PI',
      expect.stringMatching(/^Gäller från: 1 jan\.? 2026,? 07:00$/),
      expect.stringMatching(/^Gäller till: 1 juni 2027,? 08:00$/),
    ]);
    expect(await staffMember.locator('.imports-fields li', { hasText: 'Anställd från' }).textContent()).toBe(
      'Anställd från: 2026-01-01',
    );
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Preview', level: 2 }).waitFor();
    expect(await membership.locator('.imports-fields li').allTextContents()).toEqual([
      'Team: TI',
      'Staff member: PI',
      expect.stringMatching(/^Valid from: 1 Jan 2026,? 07:00$/),
      expect.stringMatching(/^Valid until: 1 Jun 2027,? 08:00$/),
    ]);
    expect(await staffMember.locator('.imports-fields li', { hasText: 'Employed from' }).textContent()).toBe(
      'Employed from: 1 Jan 2026',
    );
    await page.context().close();
  });

  it('counts rows and errors in words that agree with the number, in Swedish and English', async () => {
    const page = await openAs(adminName, '/imports');
    const summary = page.getByTestId('import-summary');
    const preview = async (content: string, button: string) => {
      await page.getByTestId('import-files').setInputFiles([file('omraden.csv', content)]);
      await page.getByRole('button', { name: button }).click();
    };
    await preview('kod;namn\nRAD-1;Raden', 'Förhandsgranska');
    await expect.poll(() => summary.textContent()).toMatch(/^1 rad läst: 1 skapas, /);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => summary.textContent()).toMatch(/^1 row read: 1 to create, /);
    await preview('kod;namn\nRAD-1;Raden\nRAD-2;Raderna', 'Preview');
    await expect.poll(() => summary.textContent()).toMatch(/^2 rows read: 2 to create, /);
    await page.getByRole('button', { name: 'Svenska' }).click();
    await expect.poll(() => summary.textContent()).toMatch(/^2 rader lästa: 2 skapas, /);

    await preview('kod;namn\nRAD-1;', 'Förhandsgranska');
    await page.getByRole('heading', { name: 'Fel i filerna' }).waitFor();
    await page.getByText('1 fel. Inget har ändrats.').waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('1 error. Nothing was changed.').waitFor();
    await preview('kod;namn\nRAD-1;\nRAD-2;', 'Preview');
    await page.getByText('2 errors. Nothing was changed.').waitFor();
    await page.context().close();
  });

  it('names every line of a file with errors when a cell holds a control character, that cell among them', async () => {
    const before = await countStaff();
    const page = await openAs(adminName, '/imports');
    const broken = [
      'personal-id;utförar-id;förnamn;efternamn;anställd från',
      'X1;U-SAKNAS;Eva;Fel;2026-01-01',
      'X2;U-SAKNAS;"Ny\tNamn";Fel;2026-01-01',
      'X3;U-SAKNAS;Kim;Fel;2026-02-30',
    ].join('\n');
    await page.getByTestId('import-files').setInputFiles([file('personal.csv', broken)]);
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await page.getByRole('heading', { name: 'Fel i filerna' }).waitFor();
    await page.locator('.imports-errors tbody tr').first().waitFor();
    await saveScreenshot(page, 'imports-row-errors-control-sv');
    const problems = page.locator('.imports-errors tbody tr');
    const rows = await Promise.all((await problems.all()).map((row) => row.locator('td').allTextContents()));
    expect(rows.map(([where, , problem]) => [where, problem])).toEqual([
      ['personal.csv:2', 'Utförare U-SAKNAS finns varken i filerna eller i en tidigare import.'],
      [
        'personal.csv:3',
        'Texten innehåller ett styrtecken, till exempel en tabb eller radbrytning. Bara anteckningar och annan fritext får ha radbrytningar och tabbar.',
      ],
      ['personal.csv:4', 'Ange ett datum som ÅÅÅÅ-MM-DD mellan 1900 och 2999, till exempel 2026-03-01.'],
    ]);
    await page.getByText('3 fel. Inget har ändrats.').waitFor();
    expect(await countStaff()).toBe(before);
    await page.context().close();
  });

  it('shows an auditor, who reads imports but may not make them, a notice instead of the upload form', async () => {
    const page = await openAs(auditorName, '/imports');
    await page.getByRole('heading', { name: 'Import från verksamhetssystemet', level: 1 }).waitFor();
    await page
      .getByText('Du kan läsa importer men inte göra dem: bara kommunens administratör importerar.')
      .waitFor();
    expect(await page.getByTestId('import-files').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Förhandsgranska' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Genomför import' }).count()).toBe(0);
    await page.getByRole('button', { name: 'English' }).click();
    await page
      .getByText('You can read imports but not make them: only the municipality’s administrator imports.')
      .waitFor();
    await saveScreenshot(page, 'imports-auditor');
    await page.context().close();
  });

  it('has no import page for a work lead', async () => {
    const page = await openAs(leadName, '/imports');
    expect(await page.getByRole('link', { name: 'Import' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Import från verksamhetssystemet' }).count()).toBe(0);
    await page.context().close();
  });
});
