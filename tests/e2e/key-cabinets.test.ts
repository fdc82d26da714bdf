// Digital key cabinets end to end (issue #13 items 4 and 8, docs/key-cabinets.md), on the real
// server over HTTP with a fixed clock: a simulated cabinet with its own P-256 key is registered
// and enrolled, a take is authorised by the server, the cabinet signs its take and return records
// and uploads them with signed requests, and the take is closed from those records; the slot's
// state, the overdue flag, the customer's event log, refusals that change nothing, a digital
// failure opening a support case, scope (another provider, property owners) for every role, and
// verify-log catching a tampered take record.
import { roles, type Role } from '@portvakt/core';
import { ManualWorldClock, type IssuerGateway, type KeyCabinet } from '@portvakt/devices';
import {
  loginEveryRole,
  startTestWorld,
  type ApiClient,
  type TestServer,
  type World,
} from '@portvakt/server/testing';
import { verifyEventLog } from '@portvakt/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolCabinetUnit, pseudonymOf, putBackupKeys } from './key-cabinet.testing';

const minuteMs = 60_000;
// One instant fixed when the file starts (the world's services are current around the wall clock).
let now = new Date(Math.floor(Date.now() / 1000) * 1000 + 86_400_000);
const advance = (minutes: number) => {
  now = new Date(now.getTime() + minutes * minuteMs);
  clock.advance(minutes * 60);
};
const clock = new ManualWorldClock(Math.floor(now.getTime() / 1000));

let server: TestServer;
let world: World;
let municipalityId: string;
let clients: Record<Role, ApiClient>;
let workLeadB: ApiClient;
let staffB: ApiClient;
let cabinetId: string;
let cabinet: KeyCabinet;
let gateway: IssuerGateway;
let pseudonym: string;
const backupKeys = {} as Record<'slot3' | 'slot4' | 'slot5', string>;

const count = async (table: string) =>
  Number((await server.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

beforeAll(async () => {
  const started = await startTestWorld({ now: () => now });
  ({ server, municipalityId, world } = started);
  const { admin, login } = started;
  clients = await loginEveryRole(server, municipalityId, world, admin);
  workLeadB = await login('work_lead', { providerId: world.provider.b });
  staffB = await login('staff', { providerId: world.provider.b, staffMemberId: world.staffMember.b });

  const created = await clients.municipality_admin.post('/api/v1/key-cabinets', {
    name: 'Nyckelskåp Hemtjänst Norr',
    location: 'Kontoret, Storgatan 3',
    slotCount: 10,
    providerId: world.provider.a,
  });
  expect(created.status).toBe(201);
  cabinetId = created.body.id;
  const enrolled = await enrolCabinetUnit(clients.municipality_admin, cabinetId, {
    slotCount: 10,
    world: clock,
    occupiedSlots: [3, 4, 5],
  });
  expect(enrolled.reply.body.enrolment.id).toBe(cabinetId);
  cabinet = enrolled.cabinet;
  gateway = cabinet.connect(server.url, cabinetId);
  const keyIds = await putBackupKeys(
    server.db.pool,
    { municipalityId, world, keyCabinetId: cabinetId },
    [3, 4, 5].map((slot) => [slot, `Reservnyckel ${slot}`] as const),
  );
  for (const slot of [3, 4, 5] as const) backupKeys[`slot${slot}`] = keyIds.get(slot)!;
  pseudonym = await pseudonymOf(server.db.pool, world.staffMember.a);
}, 120_000);
afterAll(async () => server?.close());

const slotOf = async (slot: number) =>
  (await clients.work_lead.get(`/api/v1/key-cabinets/${cabinetId}`)).body.slots[slot - 1];

describe('a take, authorised by the server and closed by the cabinet’s signed records', () => {
  it('authorises, then takes and returns from the records the cabinet uploads', async () => {
    expect((await slotOf(3)).state).toBe('in');
    const take = await clients.staff.post(`/api/v1/key-cabinets/${cabinetId}/takes`, {
      slot: 3,
      reason: 'planned',
    });
    expect(take.status).toBe(201);
    expect(take.body).toMatchObject({
      slot: 3,
      backupKeyId: backupKeys.slot3,
      staffMemberId: world.staffMember.a,
      reason: 'planned',
      supportCaseId: null,
      authorisedAt: now.toISOString(),
      takenAt: null,
    });
    expect((await slotOf(3)).state).toBe('authorised');

    advance(1);
    await cabinet.take(3, pseudonym);
    const takenAt = now.toISOString();
    expect(await cabinet.upload(gateway)).toEqual({ stored: 1, duplicates: 0, findings: [] });
    const out = await slotOf(3);
    expect(out).toMatchObject({ state: 'out', since: takenAt, isOverdue: false });
    expect(out.take).toMatchObject({
      id: take.body.id,
      takenAt,
      takeSequence: 1,
      staffName: expect.any(String),
    });

    // Past the municipality's key-out limit (240 minutes by default) the key is overdue.
    advance(241);
    expect(await slotOf(3)).toMatchObject({ state: 'out', isOverdue: true });
    const listed = (await clients.work_lead.get('/api/v1/key-cabinets')).body.items;
    expect(listed).toEqual([
      expect.objectContaining({ id: cabinetId, keysOut: 1, overdue: 1, isEnrolled: true }),
    ]);

    advance(5);
    await cabinet.returnKey(3, pseudonym);
    const returnedAt = now.toISOString();
    expect((await cabinet.upload(gateway)).findings).toEqual([]);
    expect(await slotOf(3)).toMatchObject({ state: 'in', take: null, isOverdue: false });
    const log = (await clients.work_lead.get(`/api/v1/key-cabinets/${cabinetId}`)).body.takes;
    expect(log[0]).toMatchObject({
      id: take.body.id,
      takenAt,
      returnedAt,
      takeSequence: 1,
      returnSequence: 2,
    });
  });

  it('shows an authorisation the cabinet never used as lapsed after its 15 minutes', async () => {
    const take = await clients.staff.post(`/api/v1/key-cabinets/${cabinetId}/takes`, {
      slot: 4,
      reason: 'planned',
    });
    expect(take.status).toBe(201);
    expect(take.body).toMatchObject({ isLapsed: false, takenAt: null });
    advance(16);
    // Not cancelled yet (that happens when the slot's next take is authorised), but lapsed.
    expect(await slotOf(4)).toMatchObject({ state: 'in', take: null });
    const log = (await clients.work_lead.get(`/api/v1/key-cabinets/${cabinetId}`)).body.takes;
    expect(log.find((row: { id: string }) => row.id === take.body.id)).toMatchObject({
      takenAt: null,
      cancelledAt: null,
      isLapsed: true,
    });
    expect(log.filter((row: { isLapsed: boolean }) => !row.isLapsed)).not.toHaveLength(0);
  });

  it('shows the take and the return in the customer’s event log, to the provider and the municipality', async () => {
    for (const client of [clients.work_lead, clients.municipality_admin]) {
      const events = await client.get(`/api/v1/event-log/customer/${world.customer.a}`);
      expect(events.status).toBe(200);
      const cabinetEvents = (events.body.items as Array<Record<string, unknown>>).filter(
        (e) => e.deviceId === cabinetId,
      );
      expect(cabinetEvents.map((e) => [e.sequence, e.kind])).toEqual([
        [2, 16],
        [1, 15],
      ]);
      expect(cabinetEvents[0]).toMatchObject({ staffMemberId: world.staffMember.a });
    }
    // Provider b serves the customer too, but the cabinet is provider a's: none of its records.
    const other = await workLeadB.get(`/api/v1/event-log/customer/${world.customer.a}`);
    expect(JSON.stringify(other.body)).not.toContain(cabinetId);
  });
});

describe('refusals change nothing', () => {
  it('a take from an empty slot is 409 slot_empty', async () => {
    const [takes, audit] = [await count('key_cabinet_take'), await count('audit_entry')];
    const empty = await clients.staff.post(`/api/v1/key-cabinets/${cabinetId}/takes`, {
      slot: 7,
      reason: 'planned',
    });
    expect(empty.status).toBe(409);
    expect(empty.body.code).toBe('slot_empty');
    const [missing, noText, tooHigh] = await Promise.all([
      clients.staff.post(`/api/v1/key-cabinets/${cabinetId}/takes`, { slot: 3 }),
      clients.staff.post(`/api/v1/key-cabinets/${cabinetId}/takes`, { slot: 3, reason: 'other' }),
      clients.staff.post(`/api/v1/key-cabinets/${cabinetId}/takes`, { slot: 11, reason: 'planned' }),
    ]);
    expect([missing.status, noText.body.code, tooHigh.body.code]).toEqual([
      400,
      'reason_text_required',
      'no_such_slot',
    ]);
    const forOther = await clients.staff.post(`/api/v1/key-cabinets/${cabinetId}/takes`, {
      slot: 3,
      reason: 'planned',
      staffMemberId: world.staffMember.b,
    });
    expect(forOther.status).toBe(403);
    expect([await count('key_cabinet_take'), await count('audit_entry')]).toEqual([takes, audit]);
  });

  it('what the body’s schema cannot say is a rule with its own code: validation_failed is only ever 400', async () => {
    const [takes, audit, cases] = [
      await count('key_cabinet_take'),
      await count('audit_entry'),
      await count('support_case'),
    ];
    // A work lead takes for one of their staff, so names them (staff take for themselves).
    const unnamed = await clients.work_lead.post(`/api/v1/key-cabinets/${cabinetId}/takes`, {
      slot: 3,
      reason: 'planned',
    });
    expect([unnamed.status, unnamed.body.code, unnamed.body.details]).toEqual([
      422,
      'staff_member_required',
      { field: 'staffMemberId' },
    ]);
    // Only a digital failure links to a support case; refused before the slot is looked at.
    const linked = await clients.staff.post(`/api/v1/key-cabinets/${cabinetId}/takes`, {
      slot: 7,
      reason: 'other',
      reasonText: 'Glömde min nyckel',
      supportCaseId: '00000000-0000-4000-8000-000000000000',
    });
    expect([linked.status, linked.body.code, linked.body.details]).toEqual([
      422,
      'support_case_not_applicable',
      { field: 'supportCaseId' },
    ]);
    // The schema's own refusals: 400 validation_failed, each field named.
    const wrongSlot = await clients.staff.post(`/api/v1/key-cabinets/${cabinetId}/takes`, {
      slot: 0,
      reason: 'forgot',
    });
    expect([wrongSlot.status, wrongSlot.body.code]).toEqual([400, 'validation_failed']);
    expect(wrongSlot.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'body.reason',
      'body.slot',
    ]);
    expect([
      await count('key_cabinet_take'),
      await count('audit_entry'),
      await count('support_case'),
    ]).toEqual([takes, audit, cases]);
  });

  it('a digital failure opens a support case; the key is then out to no one else', async () => {
    const cases = await count('support_case');
    const take = await clients.work_lead.post(`/api/v1/key-cabinets/${cabinetId}/takes`, {
      slot: 4,
      reason: 'lock_fault',
      reasonText: 'Låset svarar inte',
      staffMemberId: world.staffMember.a,
    });
    expect(take.status).toBe(201);
    expect(take.body.supportCaseReference).toMatch(/^SUP-\d{4}-[0-9A-Z]{6}$/);
    expect(await count('support_case')).toBe(cases + 1);
    const { rows } = await server.db.pool.query(
      'SELECT category, provider_id, customer_id, door_id FROM support_case WHERE id = $1',
      [take.body.supportCaseId],
    );
    expect(rows[0]).toEqual({
      category: 'lock_fault',
      provider_id: world.provider.a,
      customer_id: world.customer.a,
      door_id: world.door.apartmentA,
    });
    const again = await clients.staff.post(`/api/v1/key-cabinets/${cabinetId}/takes`, {
      slot: 4,
      reason: 'planned',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('key_already_out');
    // A planned take links to no case.
    const linked = await clients.staff.post(`/api/v1/key-cabinets/${cabinetId}/takes`, {
      slot: 5,
      reason: 'planned',
      supportCaseId: take.body.supportCaseId,
    });
    expect(linked.status).toBe(422);
    expect(linked.body.code).toBe('support_case_not_applicable');
  });

  it('a record for a slot no take authorised is stored as evidence and becomes a finding', async () => {
    await cabinet.take(5, pseudonym);
    const receipt = await cabinet.upload(gateway);
    expect(receipt.stored).toBe(1);
    expect(receipt.findings).toEqual([
      expect.stringContaining('key taken from slot 5 without an authorised take'),
    ]);
    const findings = await clients.municipality_admin.get(
      `/api/v1/event-findings?kind=unauthorised_cabinet_record&deviceId=${cabinetId}`,
    );
    expect(findings.body.items).toHaveLength(1);
    // The key is out all the same, unaccounted for (tests/e2e/key-cabinet-deviations.test.ts).
    expect((await slotOf(5)).state).toBe('out_unauthorised');
  });
});

describe('reports', () => {
  it('the provider audit lists every take and return of the provider’s cabinets, authorised or not', async () => {
    const range = `from=${new Date(now.getTime() - 86_400_000).toISOString()}&to=${new Date(now.getTime() + minuteMs).toISOString()}`;
    const audit = await clients.work_lead.get(`/api/v1/event-reports/provider-audit?${range}`);
    expect(audit.status).toBe(200);
    expect(
      audit.body.cabinetRecords.map((r: Record<string, unknown>) => [
        r.sequence,
        r.kind,
        r.slot,
        r.takeId !== null,
      ]),
    ).toEqual([
      [1, 'key-taken', 3, true],
      [2, 'key-returned', 3, true],
      [3, 'key-taken', 5, false],
    ]);
    const other = await workLeadB.get(`/api/v1/event-reports/provider-audit?${range}`);
    expect(other.body.cabinetRecords).toEqual([]);
  });
});

describe('scope', () => {
  it('another provider’s work lead and staff neither see nor take from the cabinet', async () => {
    expect((await workLeadB.get('/api/v1/key-cabinets')).body.items).toEqual([]);
    expect((await workLeadB.get(`/api/v1/key-cabinets/${cabinetId}`)).status).toBe(404);
    const take = await workLeadB.post(`/api/v1/key-cabinets/${cabinetId}/takes`, {
      slot: 5,
      reason: 'planned',
      staffMemberId: world.staffMember.b,
    });
    expect(take.status).toBe(404);
    // Nor withdraw one of its takes: answered exactly as an unknown take, the take unchanged.
    const logged = (await clients.work_lead.get(`/api/v1/key-cabinets/${cabinetId}`)).body.takes as Array<{
      id: string;
    }>;
    expect(logged.length).toBeGreaterThan(0);
    const takeRow = () =>
      server.db.pool.query('SELECT * FROM key_cabinet_take WHERE id = $1', [logged[0]!.id]);
    const before = (await takeRow()).rows;
    for (const client of [workLeadB, staffB]) {
      const theirs = await client.post(
        `/api/v1/key-cabinets/${cabinetId}/takes/${logged[0]!.id}/withdraw`,
        {},
      );
      const unknown = await client.post(
        `/api/v1/key-cabinets/${cabinetId}/takes/00000000-0000-4000-8000-000000000000/withdraw`,
        {},
      );
      expect(theirs.status).toBe(404);
      expect(theirs.body).toEqual(unknown.body);
    }
    expect((await takeRow()).rows).toEqual(before);
    expect(
      (await staffB.post(`/api/v1/key-cabinets/${cabinetId}/takes`, { slot: 5, reason: 'planned' })).status,
    ).toBe(404);
    expect((await workLeadB.patch(`/api/v1/key-cabinets/${cabinetId}`, { name: 'Mitt skåp' })).status).toBe(
      404,
    );
  });

  it.each(roles)('role × scope of every key cabinet route (%s)', async (role) => {
    const client = clients[role];
    const readers: Role[] = ['municipality_admin', 'lock_manager', 'support', 'auditor', 'work_lead'];
    const writers: Role[] = ['municipality_admin', 'lock_manager', 'work_lead'];
    const list = await client.get('/api/v1/key-cabinets');
    expect(list.status).toBe(readers.includes(role) ? 200 : 403);
    if (list.status === 200) expect(list.body.items.map((c: { id: string }) => c.id)).toContain(cabinetId);
    else expect(list.body).not.toHaveProperty('items');
    expect((await client.get(`/api/v1/key-cabinets/${cabinetId}`)).status).toBe(
      readers.includes(role) ? 200 : 403,
    );

    const created = await client.post('/api/v1/key-cabinets', {
      name: `Skåp ${role}`,
      slotCount: 4,
      ...(role === 'work_lead' ? {} : { providerId: world.provider.a }),
    });
    expect(created.status).toBe(writers.includes(role) ? 201 : 403);
    const target = created.status === 201 ? (created.body.id as string) : cabinetId;
    const renamed = await client.patch(`/api/v1/key-cabinets/${target}`, { location: 'Källaren' });
    expect(renamed.status).toBe(writers.includes(role) ? 200 : 403);
    const retired = await client.post(`/api/v1/key-cabinets/${target}/retire`, {});
    expect(retired.status).toBe(writers.includes(role) ? 200 : 403);
    if (retired.status === 200) expect(retired.body.retiredAt).toBe(now.toISOString());

    const take = await client.post(`/api/v1/key-cabinets/${cabinetId}/takes`, {
      slot: 9,
      reason: 'planned',
      ...(role === 'work_lead' ? { staffMemberId: world.staffMember.a } : {}),
    });
    // Work leads and staff reach the take rules (slot 9 is empty); nobody else may take.
    expect(take.status).toBe(role === 'work_lead' || role === 'staff' ? 409 : 403);
    // Nor withdraw one: those who may reach the rules find no such take (an unknown one is 404).
    const withdrawn = await client.post(
      `/api/v1/key-cabinets/${cabinetId}/takes/00000000-0000-4000-8000-000000000000/withdraw`,
      {},
    );
    expect(withdrawn.status).toBe(role === 'work_lead' || role === 'staff' ? 404 : 403);
  });

  it('a cabinet holding keys is not retired, nor shrunk below them', async () => {
    const retire = await clients.work_lead.post(`/api/v1/key-cabinets/${cabinetId}/retire`, {});
    expect(retire.body.code).toBe('slots_in_use');
    const shrink = await clients.work_lead.patch(`/api/v1/key-cabinets/${cabinetId}`, { slotCount: 4 });
    expect(shrink.body.code).toBe('slots_in_use');
  });
});

describe('verify-log', () => {
  it('covers the cabinet’s records and finds a take record rewritten in the database', async () => {
    const clean = await verifyEventLog(server.db.pool, { municipalityId, isRecording: false });
    expect(clean.findings.filter((f) => f.deviceId === cabinetId)).toEqual([]);
    const client = await server.db.superuser.connect();
    try {
      // Someone with database access moves the take to another slot (the record's last byte).
      await client.query('SET session_replication_role = replica');
      await client.query(
        `UPDATE device_event SET record = overlay(record PLACING '\\x07'::bytea FROM length(record))
         WHERE device_id = $1 AND sequence = 1`,
        [cabinetId],
      );
    } finally {
      await client.query('SET session_replication_role = origin');
      client.release();
    }
    const found = await verifyEventLog(server.db.pool, { municipalityId, isRecording: false });
    expect(found.findings).toContainEqual(
      expect.objectContaining({ kind: 'broken_chain', deviceId: cabinetId, sequence: 2 }),
    );
  });
});
