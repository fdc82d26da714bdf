// Takes from key cabinets bound to their key and to cases the caller may read, over real HTTP on a
// clock fixed at 2027-03-10 (docs/key-cabinets.md "Takes"): a key with a take out or authorised is
// neither returned nor moved out of its slot (409 key_already_out), a lapsed authorisation is
// cancelled on record with the key's change, a slot never shows another key's take as its own;
// a take links only to a support case the caller reads (else answered as an unknown id) and that
// is about the key's customer or door (422 support_case_of_other_customer). A key's takes and
// receipts keep the label it had when they were made; a lapsed authorisation is not counted in
// "Nycklar kvar"; a key out of its cabinet is refused as out before any readiness is judged.
import type { Role } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addReadyCustomer } from '../backup-keys/backup-keys.testing';
import { readPdfText } from '../platform/pdf.testing';
import type { ApiClient, TestServer } from '../platform/testing';
import { loginEveryRole, startTestWorld, type World } from '../platform/world.testing';

let now = new Date('2027-03-10T10:00:00Z');
const advance = (minutes: number) => {
  now = new Date(now.getTime() + minutes * 60_000);
};
const unknownId = '00000000-0000-4000-8000-000000000000';

let server: TestServer;
let world: World;
let clients: Record<Role, ApiClient>;
let admin: ApiClient;
let cabinetId: string;
let yngve: { customerId: string; doorId: string };
let elsa: { customerId: string; doorId: string };

const count = async (table: string) =>
  Number((await server.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

async function addKey(customer: { customerId: string; doorId: string }, slot: number, label: string) {
  const made = await admin.post('/api/v1/backup-keys', {
    customerId: customer.customerId,
    doorId: customer.doorId,
    providerId: world.provider.a,
    keyCabinetId: cabinetId,
    slot,
    label,
    receivedOn: '2026-07-09',
  });
  if (made.status !== 201) throw new Error(JSON.stringify(made.body));
  return made.body as { id: string; version: number };
}

const takeAsStaff = (slot: number, extra: Record<string, unknown> = {}) =>
  clients.staff.post(`/api/v1/key-cabinets/${cabinetId}/takes`, { slot, reason: 'planned', ...extra });
const slotOf = async (slot: number) =>
  (await clients.work_lead.get(`/api/v1/key-cabinets/${cabinetId}`)).body.slots[slot - 1];
const returnKey = (key: { id: string }, version: number, returnedOn = '2027-03-10') =>
  clients.work_lead.post(`/api/v1/backup-keys/${key.id}/return`, {
    version,
    returnedOn,
    returnedTo: 'Yngve Andersson',
    witnessedBy: 'Eva Ek',
  });
/** What the cabinet's signed records would write (the cabinet itself is tests/e2e's). */
const markTake = (takeId: string, column: 'taken_at' | 'returned_at') =>
  server.db.pool.query(`UPDATE key_cabinet_take SET ${column} = $2 WHERE id = $1`, [takeId, now]);

beforeAll(async () => {
  const started = await startTestWorld({ now: () => now });
  ({ server, world, admin } = started);
  clients = await loginEveryRole(server, started.municipalityId, world, admin);
  const cabinet = await admin.post('/api/v1/key-cabinets', {
    name: 'Nyckelskåp Norr',
    slotCount: 20,
    providerId: world.provider.a,
  });
  cabinetId = cabinet.body.id;
  yngve = await addReadyCustomer(admin, clients.work_lead, world, {
    givenName: 'Yngve',
    familyName: 'Andersson',
  });
  elsa = await addReadyCustomer(admin, clients.work_lead, world, { givenName: 'Elsa', familyName: 'Lind' });
}, 120_000);
afterAll(async () => server?.close());

describe('a take is bound to its key', () => {
  it('refuses to return a key whose take is authorised; once lapsed the return cancels it on record', async () => {
    const key = await addKey(yngve, 3, 'Blå bricka 3');
    const take = await takeAsStaff(3);
    expect(take.status).toBe(201);
    const before = [await count('key_cabinet_take'), await count('audit_entry')];

    const refused = await returnKey(key, 1);
    expect([refused.status, refused.body.code, refused.body.details]).toEqual([
      409,
      'key_already_out',
      { state: 'authorised', takeId: take.body.id, lapsesAt: '2027-03-10T10:15:00.000Z' },
    ]);
    expect((await admin.get(`/api/v1/backup-keys/${key.id}`)).body).toMatchObject({
      status: 'held',
      version: 1,
    });
    expect([await count('key_cabinet_take'), await count('audit_entry')]).toEqual(before);
    expect(await slotOf(3)).toMatchObject({ state: 'authorised', backupKeyId: key.id });

    advance(16);
    const returned = await returnKey(key, 1);
    expect([returned.status, returned.body.status]).toEqual([200, 'returned']);
    const { rows: cancelled } = await server.db.pool.query(
      `SELECT 1 FROM audit_entry WHERE entity = 'key_cabinet_take' AND action = 'update' AND entity_id = $1
         AND after->>'cancelledAt' = $2`,
      [take.body.id, now.toISOString()],
    );
    expect(cancelled).toHaveLength(1);

    // Another customer's key in the slot is only in it, and the log keeps the take with its own key.
    const elsasKey = await addKey(elsa, 3, 'Röd bricka 3');
    expect(await slotOf(3)).toMatchObject({ state: 'in', backupKeyId: elsasKey.id, take: null });
    const cabinet = (await clients.work_lead.get(`/api/v1/key-cabinets/${cabinetId}`)).body;
    expect(cabinet.takes.find((row: { id: string }) => row.id === take.body.id)).toMatchObject({
      backupKeyId: key.id,
      backupKeyLabel: 'Blå bricka 3',
      cancelledAt: now.toISOString(),
      isLapsed: true,
    });
    const next = await takeAsStaff(3);
    expect([next.status, next.body.backupKeyId]).toEqual([201, elsasKey.id]);
  });

  it('refuses to move a key out of its slot while its take is authorised or out, not a change in place', async () => {
    const key = await addKey(elsa, 4, 'Grön bricka 4');
    const take = await takeAsStaff(4);
    expect(take.status).toBe(201);
    const move = (version: number) =>
      clients.work_lead.patch(`/api/v1/backup-keys/${key.id}`, { version, keyCabinetId: cabinetId, slot: 5 });

    const authorised = await move(1);
    expect([authorised.status, authorised.body.code, authorised.body.details?.state]).toEqual([
      409,
      'key_already_out',
      'authorised',
    ]);
    await markTake(take.body.id, 'taken_at');
    const out = await move(1);
    expect([out.status, out.body.code, out.body.details?.state]).toEqual([409, 'key_already_out', 'out']);
    const toSafe = await clients.work_lead.patch(`/api/v1/backup-keys/${key.id}`, {
      version: 1,
      safeName: 'Kassaskåp',
    });
    expect([toSafe.status, toSafe.body.code]).toEqual([409, 'key_already_out']);
    const relabelled = await clients.work_lead.patch(`/api/v1/backup-keys/${key.id}`, {
      version: 1,
      label: 'Grön bricka',
    });
    expect([relabelled.status, relabelled.body.slot]).toEqual([200, 4]);

    advance(1);
    await markTake(take.body.id, 'returned_at');
    const moved = await move(2);
    expect([moved.status, moved.body.slot]).toEqual([200, 5]);
  });

  it('never shows a take of a key that has left the slot as the take of the key there now', async () => {
    // As a return before this fix left it: the take authorised, its key gone, another key put in.
    const gone = await addKey(yngve, 6, 'Blå bricka 6');
    const take = await takeAsStaff(6);
    expect(take.status).toBe(201);
    await server.db.pool.query(
      `UPDATE backup_key SET status = 'returned', returned_on = '2027-03-10', returned_to = 'Yngve'
       WHERE id = $1`,
      [gone.id],
    );
    const elsasKey = await addKey(elsa, 6, 'Röd bricka 6');
    expect(await slotOf(6)).toMatchObject({ state: 'in', backupKeyId: elsasKey.id, take: null });
    const next = await takeAsStaff(6);
    expect([next.status, next.body.backupKeyId, next.body.backupKeyLabel]).toEqual([
      201,
      elsasKey.id,
      'Röd bricka 6',
    ]);
    const { rows } = await server.db.pool.query('SELECT cancelled_at FROM key_cabinet_take WHERE id = $1', [
      take.body.id,
    ]);
    expect(rows[0].cancelled_at).toEqual(now);
  });
});

describe('a take links only to a support case the caller reads, about the key', () => {
  /** Yngve's keys by slot, one slot per test. */
  const keysOfYngve = new Map<number, string>();
  const raise = async (client: ApiClient, customer: { customerId: string; doorId: string }) => {
    const raised = await client.post('/api/v1/support-cases', {
      category: 'lock_fault',
      title: 'Låset svarar inte',
      customerId: customer.customerId,
      doorId: customer.doorId,
    });
    if (raised.status !== 201) throw new Error(JSON.stringify(raised.body));
    return raised.body as { id: string; reference: string };
  };
  const takeWithCase = (client: ApiClient, supportCaseId: string, slot: number) =>
    client.post(`/api/v1/key-cabinets/${cabinetId}/takes`, {
      slot,
      reason: 'lock_fault',
      supportCaseId,
      ...(client === clients.work_lead ? { staffMemberId: world.staffMember.a } : {}),
    });

  beforeAll(async () => {
    for (const slot of [7, 8, 9]) keysOfYngve.set(slot, (await addKey(yngve, slot, `Blå bricka ${slot}`)).id);
  });

  it('answers a case the caller may not read exactly as an unknown id, telling nothing of it', async () => {
    const leads = await raise(clients.work_lead, elsa);
    const resolved = await clients.work_lead.patch(`/api/v1/support-cases/${leads.id}`, {
      version: 1,
      status: 'resolved',
    });
    expect(resolved.status).toBe(200);
    expect((await clients.staff.get(`/api/v1/support-cases/${leads.id}`)).status).toBe(404);
    const before = [await count('key_cabinet_take'), await count('audit_entry'), await count('support_case')];

    const unknown = await takeWithCase(clients.staff, unknownId, 7);
    const outOfScope = await takeWithCase(clients.staff, leads.id, 7);
    expect([unknown.status, unknown.body.code, unknown.body.details]).toEqual([
      422,
      'unknown_reference',
      { field: 'supportCaseId' },
    ]);
    expect(outOfScope.status).toBe(unknown.status);
    expect(JSON.stringify(outOfScope.body).replaceAll(leads.id, unknownId)).toBe(
      JSON.stringify(unknown.body),
    );
    expect(JSON.stringify(outOfScope.body)).not.toContain(leads.reference);
    expect([
      await count('key_cabinet_take'),
      await count('audit_entry'),
      await count('support_case'),
    ]).toEqual(before);
  });

  it('refuses a readable case about another customer with 422 support_case_of_other_customer', async () => {
    const before = [await count('key_cabinet_take'), await count('audit_entry')];
    for (const client of [clients.staff, clients.work_lead]) {
      const aboutElsa = await raise(client, elsa);
      const refused = await takeWithCase(client, aboutElsa.id, 8);
      expect([refused.status, refused.body.code, refused.body.details]).toEqual([
        422,
        'support_case_of_other_customer',
        { field: 'supportCaseId' },
      ]);
    }
    expect(await count('key_cabinet_take')).toBe(before[0]);
  });

  it('links a case the caller reads about the key’s own customer', async () => {
    const aboutYngve = await raise(clients.staff, yngve);
    const take = await takeWithCase(clients.staff, aboutYngve.id, 9);
    expect([take.status, take.body.backupKeyId, take.body.supportCaseReference]).toEqual([
      201,
      keysOfYngve.get(9),
      aboutYngve.reference,
    ]);
  });
});

describe('withdrawing an authorisation not yet used', () => {
  const withdraw = (client: ApiClient, takeId: string) =>
    client.post(`/api/v1/key-cabinets/${cabinetId}/takes/${takeId}/withdraw`, {});

  it('frees the slot at once, on record, so the key can be returned without waiting for it to lapse', async () => {
    const key = await addKey(yngve, 2, 'Blå bricka 2');
    const take = await takeAsStaff(2);
    expect(take.status).toBe(201);
    const withdrawn = await withdraw(clients.staff, take.body.id);
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body).toMatchObject({ id: take.body.id, cancelledAt: now.toISOString(), takenAt: null });
    expect(await slotOf(2)).toMatchObject({ state: 'in', backupKeyId: key.id, take: null });
    const { rows } = await server.db.pool.query(
      `SELECT actor_label FROM audit_entry WHERE entity = 'key_cabinet_take' AND entity_id = $1
         AND action = 'update' AND after->>'cancelledAt' IS NOT NULL`,
      [take.body.id],
    );
    expect(rows).toHaveLength(1);
    // Once withdrawn it stays so; the key goes back to the customer at once.
    const before = [await count('key_cabinet_take'), await count('audit_entry')];
    const again = await withdraw(clients.staff, take.body.id);
    expect([again.status, again.body.code]).toEqual([409, 'take_closed']);
    expect([await count('key_cabinet_take'), await count('audit_entry')]).toEqual(before);
    expect((await returnKey(key, 1)).status).toBe(200);
  });

  it('is the taker’s or their work lead’s, never for a key already out, and tells others nothing', async () => {
    await addKey(elsa, 10, 'Röd bricka 10');
    const colleague = await admin.post('/api/v1/staff', {
      providerId: world.provider.a,
      givenName: 'Kim',
      familyName: 'Kollega',
      employmentStartsOn: '2026-01-01',
    });
    const forColleague = await clients.work_lead.post(`/api/v1/key-cabinets/${cabinetId}/takes`, {
      slot: 10,
      reason: 'planned',
      staffMemberId: colleague.body.id,
    });
    expect(forColleague.status, JSON.stringify(forColleague.body)).toBe(201);
    const before = [await count('key_cabinet_take'), await count('audit_entry')];
    // Another staff member's take is answered as an unknown one; the admin authorises no takes.
    const notTheirs = await withdraw(clients.staff, forColleague.body.id);
    const unknown = await withdraw(clients.staff, unknownId);
    expect(notTheirs.status).toBe(404);
    expect(notTheirs.body).toEqual(unknown.body);
    expect((await withdraw(clients.municipality_admin, forColleague.body.id)).status).toBe(403);
    expect([await count('key_cabinet_take'), await count('audit_entry')]).toEqual(before);
    expect((await withdraw(clients.work_lead, forColleague.body.id)).status).toBe(200);

    const mine = await takeAsStaff(10);
    expect(mine.status).toBe(201);
    await markTake(mine.body.id, 'taken_at');
    const out = await withdraw(clients.staff, mine.body.id);
    expect([out.status, out.body.code]).toEqual([409, 'key_already_out']);
    expect(await slotOf(10)).toMatchObject({ state: 'out' });
  });
});

describe('a key’s records keep the label it had when they were made', () => {
  it('shows past takes and receipts, and prints the signed receipt, with the old label after a relabel; current views the new one', async () => {
    const key = await addKey(yngve, 11, 'Gul bricka 11');
    const take = await takeAsStaff(11);
    expect(take.status).toBe(201);
    await markTake(take.body.id, 'taken_at');
    advance(1);
    await markTake(take.body.id, 'returned_at');
    const receipt = await admin.post(`/api/v1/backup-keys/${key.id}/receipts`, {
      kind: 'received',
      signedOn: '2026-07-09',
      signedBy: 'Yngve Andersson',
      witnessedBy: 'Eva Ek',
    });
    expect(receipt.status).toBe(201);
    const pdfText = async () =>
      (await readPdfText((await admin.getBytes(`/api/v1/backup-keys/${key.id}/receipt.pdf`)).bytes))
        .flat()
        .join('\n');
    expect(await pdfText()).toContain('Gul bricka 11');

    const relabelled = await clients.work_lead.patch(`/api/v1/backup-keys/${key.id}`, {
      version: 1,
      label: 'Lila bricka 11',
    });
    expect([relabelled.status, relabelled.body.label]).toEqual([200, 'Lila bricka 11']);

    const cabinet = (await clients.work_lead.get(`/api/v1/key-cabinets/${cabinetId}`)).body;
    expect(cabinet.takes.find((row: { id: string }) => row.id === take.body.id)).toMatchObject({
      backupKeyId: key.id,
      backupKeyLabel: 'Gul bricka 11',
    });
    expect(cabinet.slots[10]).toMatchObject({
      state: 'in',
      backupKeyId: key.id,
      backupKeyLabel: 'Lila bricka 11',
    });
    const read = (await admin.get(`/api/v1/backup-keys/${key.id}`)).body;
    expect([read.label, read.receipts.map((row: { label: string | null }) => row.label)]).toEqual([
      'Lila bricka 11',
      ['Gul bricka 11'],
    ]);
    const printed = await pdfText();
    expect(printed).toContain('Gul bricka 11');
    expect(printed).not.toContain('Lila bricka 11');

    // A take and a return made after the relabel carry the new label.
    const later = await takeAsStaff(11);
    expect([later.status, later.body.backupKeyLabel]).toEqual([201, 'Lila bricka 11']);
    await server.db.pool.query('UPDATE key_cabinet_take SET cancelled_at = $2 WHERE id = $1', [
      later.body.id,
      now,
    ]);
    advance(1);
    const returned = await returnKey(key, 2);
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(
      returned.body.receipts.map((row: { kind: string; label: string | null }) => [row.kind, row.label]),
    ).toEqual([
      ['received', 'Gul bricka 11'],
      ['returned', 'Lila bricka 11'],
    ]);
  });
});

describe('"Nycklar kvar" counts the cabinet takes that happened or may still', () => {
  const cabinetTakes = async () =>
    (await admin.get('/api/v1/keys-held?from=2027-03&to=2027-03')).body.points.at(-1).cabinetTakes as number;

  it('counts an authorisation while in force and once used, never one that lapsed unused', async () => {
    await addKey(elsa, 12, 'Röd bricka 12');
    // Past the window of every earlier test's authorisation, so only this test's change the count.
    advance(16);
    const before = await cabinetTakes();
    const lapsing = await takeAsStaff(12);
    expect(lapsing.status).toBe(201);
    expect(await cabinetTakes()).toBe(before + 1);
    advance(16);
    expect(await cabinetTakes()).toBe(before);
    const used = await takeAsStaff(12);
    expect(used.status).toBe(201);
    await markTake(used.body.id, 'taken_at');
    advance(16);
    expect(await cabinetTakes()).toBe(before + 1);
    await markTake(used.body.id, 'returned_at');
  });
});

describe('returning a key that is out of its cabinet', () => {
  it('answers 409 key_already_out before judging readiness, changing nothing; back in, readiness is judged', async () => {
    const key = await addKey(yngve, 13, 'Blå bricka 13');
    const take = await takeAsStaff(13);
    expect(take.status).toBe(201);
    await markTake(take.body.id, 'taken_at');
    const before = [
      await count('key_cabinet_take'),
      await count('backup_key_receipt'),
      await count('audit_entry'),
    ];
    // No deviation plan was in force on 2027-02-15: the customer was not ready that day.
    const refused = await returnKey(key, 1, '2027-02-15');
    expect([refused.status, refused.body.code, refused.body.details]).toEqual([
      409,
      'key_already_out',
      { state: 'out', takeId: take.body.id },
    ]);
    expect([
      await count('key_cabinet_take'),
      await count('backup_key_receipt'),
      await count('audit_entry'),
    ]).toEqual(before);
    expect((await admin.get(`/api/v1/backup-keys/${key.id}`)).body).toMatchObject({
      status: 'held',
      version: 1,
    });

    advance(1);
    await markTake(take.body.id, 'returned_at');
    const notReady = await returnKey(key, 1, '2027-02-15');
    expect([notReady.status, notReady.body.code]).toEqual([409, 'not_ready_for_return']);
  });
});
