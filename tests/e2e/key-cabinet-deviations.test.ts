// What a key cabinet signs that its authorisations do not say, end to end on the real server over
// HTTP, with a simulated cabinet and a clock fixed at 2027-03-10 (docs/key-cabinets.md "Takes that
// were not authorised"): a key taken with no take authorised is out and unaccounted for (counted,
// no new take, seen by the provider's work lead and support) until the cabinet records it back
// in; a take signed for someone other than the staff member authorised is not shown as with that
// staff member; and the support case of a take withdrawn or lapsed unused learns of it.
import { keyTakeLapseAuthor } from '@portvakt/contract';
import type { Role } from '@portvakt/core';
import { ManualWorldClock, type IssuerGateway, type KeyCabinet } from '@portvakt/devices';
import {
  loginEveryRole,
  startTestWorld,
  type ApiClient,
  type TestServer,
  type World,
} from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, useBrowser } from './browser.testing';
import { enrolCabinetUnit, pseudonymOf, putBackupKeys } from './key-cabinet.testing';
import { ensureWebBuild } from './web-build';

const minuteMs = 60_000;
let now = new Date('2027-03-10T10:00:00Z');
const clock = new ManualWorldClock(Math.floor(now.getTime() / 1000));
const advance = (minutes: number) => {
  now = new Date(now.getTime() + minutes * minuteMs);
  clock.advance(minutes * 60);
};

let server: TestServer;
let world: World;
let clients: Record<Role, ApiClient>;
let cabinetId: string;
let cabinet: KeyCabinet;
let gateway: IssuerGateway;
let pseudonymA: string;
let pseudonymB: string;
let workLeadName: string;

beforeAll(async () => {
  await ensureWebBuild();
  const started = await startTestWorld({ now: () => now });
  ({ server, world } = started);
  workLeadName = await started.createUser('work_lead', { providerId: world.provider.a });
  clients = await loginEveryRole(server, started.municipalityId, world, started.admin);
  const created = await clients.municipality_admin.post('/api/v1/key-cabinets', {
    name: 'Nyckelskåp Väst',
    slotCount: 8,
    providerId: world.provider.a,
  });
  expect(created.status).toBe(201);
  cabinetId = created.body.id;
  ({ cabinet } = await enrolCabinetUnit(clients.municipality_admin, cabinetId, {
    slotCount: 8,
    world: clock,
    occupiedSlots: [1, 2, 3, 4, 5],
  }));
  gateway = cabinet.connect(server.url, cabinetId);
  await putBackupKeys(
    server.db.pool,
    { municipalityId: started.municipalityId, world, keyCabinetId: cabinetId },
    [1, 2, 3, 4, 5].map((slot) => [slot, `Reservnyckel ${slot}`] as const),
  );
  pseudonymA = await pseudonymOf(server.db.pool, world.staffMember.a);
  pseudonymB = await pseudonymOf(server.db.pool, world.staffMember.b);
}, 120_000);
afterAll(async () => server?.close());

const { openAs } = useBrowser(() => server.url);

const detailAs = async (client: ApiClient) => {
  const reply = await client.get(`/api/v1/key-cabinets/${cabinetId}`);
  expect(reply.status).toBe(200);
  return reply.body;
};
const slotAs = async (client: ApiClient, slot: number) => (await detailAs(client)).slots[slot - 1];
const keysOut = async () => (await detailAs(clients.work_lead)).cabinet.keysOut as number;

describe('a key the cabinet signed out with no take authorised', () => {
  it('is out and unaccounted for, counted, offered to no new take, until the cabinet records it back', async () => {
    const outBefore = await keysOut();
    advance(1);
    await cabinet.take(1, pseudonymA);
    const takenAt = now.toISOString();
    const receipt = await cabinet.upload(gateway);
    expect(receipt.findings).toEqual([
      expect.stringContaining('key taken from slot 1 without an authorised take'),
    ]);

    // The provider's work lead and support (who may not read the event findings) see it on the cabinet.
    for (const client of [clients.work_lead, clients.support]) {
      const slot = await slotAs(client, 1);
      expect(slot).toMatchObject({
        state: 'out_unauthorised',
        since: takenAt,
        backupKeyLabel: 'Reservnyckel 1',
      });
      expect(slot.take).toMatchObject({
        isUnauthorised: true,
        isTakenByOther: false,
        authorisedAt: null,
        reason: null,
        staffMemberId: null,
        takenAt,
        takeSequence: 1,
        takenByStaffMemberId: world.staffMember.a,
        takenByName: expect.any(String),
      });
    }
    expect(await keysOut()).toBe(outBefore + 1);
    const listed = (await clients.work_lead.get('/api/v1/key-cabinets')).body.items;
    expect(listed).toEqual([expect.objectContaining({ id: cabinetId, keysOut: outBefore + 1 })]);

    const again = await clients.staff.post(`/api/v1/key-cabinets/${cabinetId}/takes`, {
      slot: 1,
      reason: 'planned',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('key_already_out');

    // Past the key-out limit it is overdue like any key out.
    advance(241);
    expect(await slotAs(clients.work_lead, 1)).toMatchObject({ state: 'out_unauthorised', isOverdue: true });

    advance(1);
    await cabinet.returnKey(1, pseudonymA);
    expect((await cabinet.upload(gateway)).findings).toEqual([]);
    expect(await slotAs(clients.work_lead, 1)).toMatchObject({ state: 'in', take: null });
    expect(await keysOut()).toBe(outBefore);
    const log = (await detailAs(clients.work_lead)).takes;
    expect(log[0]).toMatchObject({ slot: 1, isUnauthorised: true, takenAt, returnedAt: now.toISOString() });
  });

  it('names no one the record’s pseudonym does not belong to', async () => {
    advance(1);
    await cabinet.take(2, 'okänd-pseudonym');
    await cabinet.upload(gateway);
    const slot = await slotAs(clients.municipality_admin, 2);
    expect(slot.state).toBe('out_unauthorised');
    expect(slot.take).toMatchObject({ takenByStaffMemberId: null, takenByName: null });
  });
});

describe('a take the cabinet signed for someone other than the staff member authorised', () => {
  it(
    'is not shown as with the person authorised, and names the taker only to whom may know them',
    { timeout: 90_000 },
    async () => {
      const take = await clients.staff.post(`/api/v1/key-cabinets/${cabinetId}/takes`, {
        slot: 3,
        reason: 'planned',
      });
      expect(take.status).toBe(201);
      advance(1);
      await cabinet.take(3, pseudonymB);
      const takenAt = now.toISOString();
      const receipt = await cabinet.upload(gateway);
      expect(receipt.findings).toEqual([
        expect.stringContaining('slot 3: the record names someone other than the authorised take'),
      ]);

      // Staff member b is another provider's: the work lead learns only that it is someone else.
      const seenByWorkLead = await slotAs(clients.work_lead, 3);
      expect(seenByWorkLead).toMatchObject({ state: 'out_by_other', since: takenAt });
      expect(seenByWorkLead.take).toMatchObject({
        id: take.body.id,
        staffMemberId: world.staffMember.a,
        isTakenByOther: true,
        isUnauthorised: false,
        takenByStaffMemberId: null,
        takenByName: null,
      });
      // Support reads every staff member: told who it was.
      const seenBySupport = await slotAs(clients.support, 3);
      expect(seenBySupport.take).toMatchObject({
        isTakenByOther: true,
        takenByStaffMemberId: world.staffMember.b,
        takenByName: expect.any(String),
      });

      advance(241);
      expect(await slotAs(clients.work_lead, 3)).toMatchObject({ state: 'out_by_other', isOverdue: true });

      // The work lead's cabinet page says both, in words: a key out by someone else, and one out
      // with no take authorised at all (slot 4, taken just now).
      await cabinet.take(4, pseudonymA);
      await cabinet.upload(gateway);
      const page = await openAs(workLeadName, `/key-cabinets/${cabinetId}`);
      await page.getByText('Uttagen utan godkännande').first().waitFor();
      await page.getByText('Uttagen av annan än den godkände').first().waitFor();
      expect(await page.getByText('annan person än den godkände').count()).toBeGreaterThan(0);
      await saveScreenshot(page, 'key-cabinet-deviations-sv');
      await page.context().close();

      advance(1);
      await cabinet.returnKey(3, pseudonymB);
      await cabinet.returnKey(4, pseudonymA);
      await cabinet.upload(gateway);
      expect(await slotAs(clients.work_lead, 4)).toMatchObject({ state: 'in', take: null });
      expect(await slotAs(clients.work_lead, 3)).toMatchObject({ state: 'in', take: null });
    },
  );

  it('a take signed for the staff member authorised is out with them, flagged as nothing', async () => {
    const take = await clients.staff.post(`/api/v1/key-cabinets/${cabinetId}/takes`, {
      slot: 3,
      reason: 'planned',
    });
    expect(take.status).toBe(201);
    advance(1);
    await cabinet.take(3, pseudonymA);
    expect((await cabinet.upload(gateway)).findings).toEqual([]);
    const slot = await slotAs(clients.support, 3);
    expect(slot.state).toBe('out');
    expect(slot.take).toMatchObject({ isTakenByOther: false, takenByStaffMemberId: null, takenByName: null });
    advance(1);
    await cabinet.returnKey(3, pseudonymA);
    await cabinet.upload(gateway);
  });
});

describe('the support case of a take that ended unused', () => {
  const timelineOf = async (caseId: string) =>
    (await clients.work_lead.get(`/api/v1/support-cases/${caseId}`)).body.timeline as Array<{
      kind: string;
      params: unknown;
      author: string;
      at: string;
    }>;

  it('learns that the take was withdrawn, and stays open', async () => {
    const take = await clients.work_lead.post(`/api/v1/key-cabinets/${cabinetId}/takes`, {
      slot: 4,
      reason: 'lock_fault',
      staffMemberId: world.staffMember.a,
    });
    expect(take.status).toBe(201);
    advance(2);
    const withdrawn = await clients.staff.post(
      `/api/v1/key-cabinets/${cabinetId}/takes/${take.body.id}/withdraw`,
      {},
    );
    expect(withdrawn.status).toBe(200);
    const timeline = await timelineOf(take.body.supportCaseId);
    expect(timeline.at(-1)).toMatchObject({
      kind: 'key_take_withdrawn',
      params: { keyCabinetName: 'Nyckelskåp Väst', slot: 4, takeId: take.body.id },
      at: now.toISOString(),
    });
    const supportCase = await clients.work_lead.get(`/api/v1/support-cases/${take.body.supportCaseId}`);
    expect(supportCase.body.status).toBe('open');
  });

  it('learns that the authorisation lapsed unused, written by the server', async () => {
    const take = await clients.work_lead.post(`/api/v1/key-cabinets/${cabinetId}/takes`, {
      slot: 5,
      reason: 'battery',
      staffMemberId: world.staffMember.a,
    });
    expect(take.status).toBe(201);
    advance(16);
    // The slot's next take records the lapse.
    const next = await clients.staff.post(`/api/v1/key-cabinets/${cabinetId}/takes`, {
      slot: 5,
      reason: 'planned',
    });
    expect(next.status).toBe(201);
    const timeline = await timelineOf(take.body.supportCaseId);
    expect(timeline.at(-1)).toMatchObject({
      kind: 'key_take_lapsed',
      params: { keyCabinetName: 'Nyckelskåp Väst', slot: 5, takeId: take.body.id },
      author: keyTakeLapseAuthor,
    });
    expect(timeline.filter((entry) => entry.kind === 'key_take_withdrawn')).toEqual([]);
  });
});
