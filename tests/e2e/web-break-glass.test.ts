// The break-glass review page of the console (docs/visits.md "Break-glass") in a real browser
// (Debian's Chromium via playwright-core) against the real server with its clock fixed: two alarms
// let the alarm patrol into a windowed customer's flat, the keys' records come back through the
// sync station, and the work lead reviews each opening with a comment. Screenshots go to
// test-artifacts/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVisitWindowWorld, type VisitWindowWorld } from './visit-window.world';
import { saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

let w: VisitWindowWorld;

/** An alarm at `clock`; the patrol activates after it (its next contact) and opens the flat. */
async function answerAlarm(externalId: string, clock: string, openedAt: string) {
  w.moveTo(clock);
  const alarm = await w.admin.post('/api/v1/alarms', [
    { externalId, customerId: w.ids.karl, raisedAt: `2026-03-02T${clock}:00+01:00` },
  ]);
  expect(alarm.body).toEqual({ created: 1, unchanged: 0 });
  expect(await w.box.activate(w.keys.eva, '5678')).toMatchObject({ isActivated: true });
  w.moveTo(openedAt);
  expect(await w.keys.eva.openLock(w.locks.apartment)).toEqual({ isOpen: true });
}

beforeAll(async () => {
  await ensureWebBuild();
  w = await createVisitWindowWorld('vw2');
  await answerAlarm('LARM-12', '12:00', '12:07');
  await answerAlarm('LARM-19', '19:30', '19:41');
  expect(await w.station.sync(w.keys.eva)).toMatchObject({ isSynced: true });
}, 180_000);

afterAll(async () => {
  await w?.server.close();
});

const { openAs } = useBrowser(() => w.server.url);

describe('break-glass review in the console', () => {
  it('lists the openings waiting for review and takes each review with a comment', async () => {
    const page = await openAs(w.alarmLeadName, '/break-glass');
    await page.getByRole('heading', { name: 'Nödåtkomst', level: 1 }).waitFor();
    const cards = page.locator('li[data-opening]');
    await expect.poll(() => cards.count()).toBe(2);
    const first = cards.first();
    expect(await first.getByRole('heading', { name: 'Karl Berg, Lgh 1101' }).count()).toBe(1);
    expect(await first.getByText('Eva Larm (Larmpatrullen)').count()).toBe(1);
    expect(await first.getByText('(LARM-12)').count()).toBe(1);
    expect(await first.getByText(/2 mars 2026 12:00\s*–\s*13:00/).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Nödåtkomst' }).count()).toBe(1);
    await saveScreenshot(page, 'break-glass-queue');

    // No comment: refused in the page, nothing sent.
    await first.getByRole('button', { name: 'Markera som granskad' }).click();
    await first.getByText('Skriv en kommentar (minst tre tecken).').waitFor();
    await saveScreenshot(page, 'break-glass-comment-missing');
    await first
      .getByLabel('Kommentar', { exact: false })
      .fill('Karl hade ramlat i badrummet; Eva hjälpte honom upp.');
    await first.getByRole('button', { name: 'Markera som granskad' }).click();
    await expect.poll(() => cards.count()).toBe(1);

    const reviewed = await w.alarmLead.get('/api/v1/break-glass-openings?isReviewedIncluded=true');
    expect(
      reviewed.body.items.map((o: { alarmExternalId: string; review: { comment: string } | null }) => [
        o.alarmExternalId,
        o.review?.comment ?? null,
      ]),
    ).toEqual([
      ['LARM-12', 'Karl hade ramlat i badrummet; Eva hjälpte honom upp.'],
      ['LARM-19', null],
    ]);
    await cards.first().getByLabel('Kommentar', { exact: false }).fill('Falsklarm, Karl mådde bra.');
    await cards.first().getByRole('button', { name: 'Markera som granskad' }).click();
    await page.getByText('Inga öppningar väntar på granskning.').waitFor();
    await saveScreenshot(page, 'break-glass-done');
    await page.context().close();
  });

  it('shows the home care’s work lead none of the alarm patrol’s openings', async () => {
    const page = await openAs(w.homeLeadName, '/break-glass');
    await page.getByRole('heading', { name: 'Nödåtkomst', level: 1 }).waitFor();
    await page.getByText('Inga öppningar väntar på granskning.').waitFor();
    expect(await page.locator('li[data-opening]').count()).toBe(0);
    await page.context().close();
  });
});
