// Webhooks in the console (docs/webhooks.md) in a real browser (Debian's Chromium via
// playwright-core) against the real server on a fixed clock, with a real receiver (node:http): a
// work lead subscribes through "Ny webhook" and keeps the secret shown once; the receiver fails,
// the delivery log shows each attempt, a day of failures disables the webhook and the page says
// why; the work lead enables it and sends the failed delivery again, which arrives signed with the
// secret from the page. Screenshots go to test-artifacts/screenshots/.
import {
  linksOfRole,
  startTestWorld,
  startWebhookReceiver,
  verifyReceivedWebhook,
  type TestWorld,
  type WebhookReceiver,
} from '@portvakt/server/testing';
import { createFieldCrypto, runWebhookJob } from '@portvakt/server';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, useBrowser } from './browser.testing';
import { ensureWebBuild } from './web-build';

const start = new Date('2027-03-10T09:00:00Z');
let clock = start;
const masterKey = randomBytes(32);
const loopbackSetting = 'PORTVAKT_WEBHOOKS_ALLOW_HTTP_LOOPBACK';
let tw: TestWorld;
let receiver: WebhookReceiver;
let workLeadName: string;

const runJob = () =>
  runWebhookJob(
    { pool: tw.server.db.pool, fieldCrypto: createFieldCrypto(masterKey), now: () => clock },
    { random: () => 0, timeoutMs: 2_000 },
  );

beforeAll(async () => {
  process.env[loopbackSetting] = '1';
  await ensureWebBuild();
  tw = await startTestWorld({ now: () => clock, masterKey });
  workLeadName = await tw.createUser('work_lead', linksOfRole(tw.world, 'work_lead'));
  receiver = await startWebhookReceiver();
}, 180_000);

afterAll(async () => {
  delete process.env[loopbackSetting];
  await receiver?.close();
  await tw?.server.close();
});

const { openAs } = useBrowser(() => tw.server.url);

describe('webhooks in the console', () => {
  it('subscribes, shows each failed attempt and why it was disabled, and sends a failed delivery again', async () => {
    const page = await openAs(workLeadName, '/webhooks');
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await page.getByText('Inga webhooks ännu.').waitFor();
    await page.getByRole('button', { name: 'Ny webhook' }).click();
    const form = page.locator('form[data-form="new-webhook"]');
    await form.getByLabel('Mottagarens adress').fill(receiver.url);
    await form.getByLabel('Beskrivning').fill('Verksamhetssystemet');
    // A work lead is offered only its provider's events.
    expect(await form.getByRole('checkbox').count()).toBe(3);
    expect(await form.getByLabel('Lågt batteri i lås').count()).toBe(0);
    await form.getByLabel('Nyckel spärrad').check();
    await form.getByRole('button', { name: 'Skapa' }).click();
    const secret = (await page.locator('[data-secret] code').textContent())!;
    expect(secret).toMatch(/^whsec_/);
    await page.locator(`tr[data-webhook="${receiver.url}"]`).getByText('Aktiv').waitFor();
    await saveScreenshot(page, 'webhooks-created');

    receiver.answerWith(503);
    const blocked = await tw.admin.patch(`/api/v1/keys/${tw.world.digitalKey.a}`, {
      status: 'blocked',
      statusReason: 'Tappad',
    });
    expect(blocked.status).toBe(200);
    await runJob();
    clock = new Date(start.getTime() + 30_000);
    await runJob();
    clock = new Date(start.getTime() + 24 * 60 * 60 * 1000);
    await runJob();
    expect(receiver.received).toHaveLength(3);

    await page.getByRole('link', { name: receiver.url }).click();
    await page.getByRole('heading', { name: 'Verksamhetssystemet', level: 1 }).waitFor();
    await page
      .getByText(/Avstängd automatiskt .*: inget utskick har lyckats sedan 10 mars 2027 10:00/)
      .waitFor();
    const row = page.locator('tr[data-delivery="failed"]');
    await row.getByText('Misslyckades').waitFor();
    expect(await row.locator('.webhook-attempts li').count()).toBe(3);
    expect(await row.getByText(/HTTP 503/).count()).toBe(3);
    expect(await page.getByRole('columnheader', { name: 'Händelsetid' }).count()).toBe(1);
    await saveScreenshot(page, 'webhook-disabled');

    receiver.answerWith(200);
    await page.getByRole('button', { name: 'Slå på' }).click();
    await page.getByRole('button', { name: 'Stäng av' }).waitFor();
    await row.getByRole('button', { name: 'Skicka igen' }).click();
    await page.getByText('Utskicket skickas igen inom kort.').waitFor();
    expect((await runJob()).attempts).toBe(1);
    await page.reload();
    await page.locator('tr[data-delivery="delivered"]').getByText('Levererad').waitFor();
    await saveScreenshot(page, 'webhook-replayed');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Deliveries' }).waitFor();
    await page.locator('tr[data-delivery="delivered"]').getByText('Delivered').waitFor();
    expect(await page.getByRole('columnheader', { name: 'Event time' }).count()).toBe(1);
    await saveScreenshot(page, 'webhook-replayed-en');
    expect(verifyReceivedWebhook(secret, receiver.received.at(-1)!)).toMatchObject({
      type: 'key.blocked',
      data: { keyId: tw.world.digitalKey.a, providerId: tw.world.provider.a },
    });
    await page.context().close();
  });
});
