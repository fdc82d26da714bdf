// A staff member's employment end (docs/permissions.md "Employment"): keys keep working through the
// last day (local, Europe/Stockholm) and are blocked by the employment-end sweep once it has
// passed, an end set in advance included; a person cannot place the end on a day already past nor
// move or remove an end that has passed (care-system imports may: they bring history, and a past
// end they write blocks the keys at once); an individual grant stays within the employment. Real
// HTTP on real PostgreSQL, the server's clock fixed and moved by the tests, the sweep given it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../platform/testing';
import { createStaffMember, startTestWorld, unique, type TestWorld } from '../platform/world.testing';
import { blockKeysOfEndedEmployments } from './block-ended-employment-keys';

// 12:00 in Stockholm (CEST, UTC+2) on Wednesday 20 May 2026.
const now = new Date('2026-05-20T10:00:00Z');
/** The server's clock: `now`, moved forward only inside a test that puts it back. */
let clock = now;

let tw: TestWorld;
let lead: ApiClient;

beforeAll(async () => {
  tw = await startTestWorld({ now: () => clock });
  lead = await tw.login('work_lead', { providerId: tw.world.provider.a });
}, 180_000);
afterAll(async () => tw?.server.close());

async function staffWithKey(): Promise<{ staffId: string; keyId: string }> {
  const staffId = await createStaffMember(tw.admin, tw.world.provider.a);
  const key = await lead.post('/api/v1/keys', {
    providerId: tw.world.provider.a,
    kind: 'hardware_key',
    serial: unique('PV-EMP'),
    holderStaffMemberId: staffId,
  });
  expect(key.status, JSON.stringify(key.body)).toBe(201);
  return { staffId, keyId: key.body.id };
}

async function keyState(keyId: string) {
  const key = await lead.get(`/api/v1/keys/${keyId}`);
  const listed = await tw.server.db.pool.query<{ reason: string; blocked_by: string }>(
    'SELECT reason, blocked_by FROM block_list_entry WHERE digital_key_id = $1',
    [keyId],
  );
  return { status: key.body.status, statusReason: key.body.statusReason, blockList: listed.rows };
}

function expectRefused(response: { status: number; body: any }, code: string, field: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(422);
  expect(response.body.code).toBe(code);
  expect(response.body.details).toEqual([expect.objectContaining({ field, code })]);
}

const sweep = (at: Date) => blockKeysOfEndedEmployments({ pool: tw.server.db.pool, now: at });

describe('keys and the last day of employment', () => {
  it('an end of today leaves the keys working through the day; the sweep blocks them once it has passed', async () => {
    const { staffId, keyId } = await staffWithKey();
    const ended = await lead.patch(`/api/v1/staff/${staffId}`, { employmentEndsOn: '2026-05-20' });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(await keyState(keyId)).toEqual({ status: 'active', statusReason: null, blockList: [] });

    // 23:59 on the last day, local: still working.
    expect((await sweep(new Date('2026-05-20T21:59:00Z'))).blocked).not.toContain(keyId);
    expect((await keyState(keyId)).status).toBe('active');

    // 00:00:30 the day after, local (the UTC date is still the 20th).
    const run = await sweep(new Date('2026-05-20T22:00:30Z'));
    expect(run.blocked).toContain(keyId);
    expect(await keyState(keyId)).toEqual({
      status: 'blocked',
      statusReason: 'employment_ended',
      blockList: [{ reason: 'employment_ended', blocked_by: 'system:employment-ends' }],
    });
    const audit = await tw.server.db.pool.query(
      "SELECT actor_label FROM audit_entry WHERE action = 'block' AND entity_id = $1",
      [keyId],
    );
    expect(audit.rows).toEqual([{ actor_label: 'system:employment-ends' }]);

    // Run again (another tick, a restart, a second process): nothing more is done.
    expect((await sweep(new Date('2026-05-21T06:00:00Z'))).blocked).not.toContain(keyId);
    const again = await tw.server.db.pool.query(
      "SELECT 1 FROM audit_entry WHERE action = 'block' AND entity_id = $1",
      [keyId],
    );
    expect(again.rowCount).toBe(1);
  });

  it('an end set weeks in advance blocks nothing until its day has passed', async () => {
    const { staffId, keyId } = await staffWithKey();
    expect((await lead.patch(`/api/v1/staff/${staffId}`, { employmentEndsOn: '2026-06-12' })).status).toBe(
      200,
    );
    expect((await sweep(new Date('2026-06-12T12:00:00Z'))).blocked).not.toContain(keyId);
    expect((await keyState(keyId)).status).toBe('active');
    expect((await sweep(new Date('2026-06-13T04:00:00Z'))).blocked).toContain(keyId);
    expect((await keyState(keyId)).statusReason).toBe('employment_ended');
  });

  it('refuses a key for someone whose last day has passed', async () => {
    const staffId = await createStaffMember(tw.admin, tw.world.provider.a);
    expect((await lead.patch(`/api/v1/staff/${staffId}`, { employmentEndsOn: '2026-05-20' })).status).toBe(
      200,
    );
    clock = new Date('2026-05-21T06:00:00Z');
    try {
      const key = await lead.post('/api/v1/keys', {
        providerId: tw.world.provider.a,
        kind: 'hardware_key',
        serial: unique('PV-EMP'),
        holderStaffMemberId: staffId,
      });
      expectRefused(key, 'employment_ended', 'holderStaffMemberId');
    } finally {
      clock = now;
    }
  });
});

describe('an employment’s end written by a person', () => {
  it('cannot be on a day already past, and nothing is stored', async () => {
    const { staffId, keyId } = await staffWithKey();
    const backdated = await lead.patch(`/api/v1/staff/${staffId}`, { employmentEndsOn: '2026-04-30' });
    expectRefused(backdated, 'ends_in_the_past', 'employmentEndsOn');
    expect((await lead.get(`/api/v1/staff/${staffId}`)).body.employmentEndsOn).toBeNull();
    expect((await keyState(keyId)).status).toBe('active');
  });

  it('once passed, stays: neither moved nor removed', async () => {
    const staffId = await createStaffMember(tw.admin, tw.world.provider.a);
    expect((await lead.patch(`/api/v1/staff/${staffId}`, { employmentEndsOn: '2026-05-20' })).status).toBe(
      200,
    );
    clock = new Date('2026-06-01T10:00:00Z');
    try {
      expectRefused(
        await lead.patch(`/api/v1/staff/${staffId}`, { employmentEndsOn: '2026-06-30' }),
        'already_ended',
        'employmentEndsOn',
      );
      expectRefused(
        await lead.patch(`/api/v1/staff/${staffId}`, { employmentEndsOn: null }),
        'already_ended',
        'employmentEndsOn',
      );
      // Other details of a former employee can still be corrected.
      expect((await lead.patch(`/api/v1/staff/${staffId}`, { givenName: 'Vera-Lena' })).status).toBe(200);
    } finally {
      clock = now;
    }
    expect((await lead.get(`/api/v1/staff/${staffId}`)).body.employmentEndsOn).toBe('2026-05-20');
  });

  it('not yet passed, may still be moved or removed', async () => {
    const staffId = await createStaffMember(tw.admin, tw.world.provider.a);
    expect((await lead.patch(`/api/v1/staff/${staffId}`, { employmentEndsOn: '2026-05-20' })).status).toBe(
      200,
    );
    expect((await lead.patch(`/api/v1/staff/${staffId}`, { employmentEndsOn: '2026-05-31' })).status).toBe(
      200,
    );
    expect((await lead.patch(`/api/v1/staff/${staffId}`, { employmentEndsOn: null })).status).toBe(200);
  });
});

describe('an employment’s end from the care system', () => {
  async function importFiles(files: Array<{ name: string; content: string }>) {
    const started = await tw.admin.post('/api/v1/imports', { files, isDryRun: false });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    for (;;) {
      const job = await tw.admin.get(`/api/v1/imports/${started.body.id}`);
      if (job.body.status !== 'running') return job.body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const providers = {
    name: 'utforare.csv',
    content: 'id;namn;regi;verksamheter\nU-EMP;Omsorg Import AB;private;day_home_care',
  };
  const staffFile = (endsOn: string) => ({
    name: 'medarbetare.csv',
    content: `personal-id;utförar-id;förnamn;efternamn;anställd från;anställd till\nP-EMP;U-EMP;Ines;Import;2026-01-01;${endsOn}`,
  });

  it('may be a day already past (history), and blocks the keys at once', async () => {
    expect(await importFiles([providers, staffFile('')])).toMatchObject({ status: 'succeeded' });
    const { rows } = await tw.server.db.pool.query<{ id: string; provider_id: string }>(
      "SELECT id, provider_id FROM staff_member WHERE external_id = 'P-EMP'",
    );
    const [staff] = rows;
    const key = await tw.admin.post('/api/v1/keys', {
      providerId: staff!.provider_id,
      kind: 'hardware_key',
      serial: unique('PV-EMP'),
      holderStaffMemberId: staff!.id,
    });
    expect(key.status, JSON.stringify(key.body)).toBe(201);
    expect(await importFiles([providers, staffFile('2026-04-30')])).toMatchObject({ status: 'succeeded' });
    expect((await tw.admin.get(`/api/v1/staff/${staff!.id}`)).body.employmentEndsOn).toBe('2026-04-30');
    const state = await tw.admin.get(`/api/v1/keys/${key.body.id}`);
    expect(state.body).toMatchObject({ status: 'blocked', statusReason: 'employment_ended' });
  });
});

describe('an individual grant and the employment', () => {
  async function leavingStaff(): Promise<string> {
    const staffId = await createStaffMember(tw.admin, tw.world.provider.a);
    expect((await lead.patch(`/api/v1/staff/${staffId}`, { employmentEndsOn: '2026-05-31' })).status).toBe(
      200,
    );
    return staffId;
  }
  const grant = (staffMemberId: string, times: { validFrom?: string; validUntil: string }) =>
    lead.post('/api/v1/access-grants', {
      staffMemberId,
      customerId: tw.world.customer.a,
      reason: 'Vikarie',
      ...times,
    });

  it('may not reach past the last day of employment, and nothing is stored', async () => {
    const staffId = await leavingStaff();
    expectRefused(
      await grant(staffId, { validUntil: '2026-06-01T08:00:00Z' }),
      'outside_employment',
      'validUntil',
    );
    const listed = await tw.admin.get(`/api/v1/access-grants?staffMemberId=${staffId}`);
    expect(listed.body.items).toEqual([]);
  });

  it('may not start after the last day of employment', async () => {
    const staffId = await leavingStaff();
    expectRefused(
      await grant(staffId, { validFrom: '2026-06-02T06:00:00Z', validUntil: '2026-06-03T06:00:00Z' }),
      'outside_employment',
      'validFrom',
    );
  });

  it('may end at any time of the last day, local, or at the midnight that ends it', async () => {
    const lateOnTheDay = await grant(await leavingStaff(), { validUntil: '2026-05-31T21:59:00Z' });
    expect(lateOnTheDay.status, JSON.stringify(lateOnTheDay.body)).toBe(201);
    const atMidnight = await grant(await leavingStaff(), { validUntil: '2026-05-31T22:00:00Z' });
    expect(atMidnight.status, JSON.stringify(atMidnight.body)).toBe(201);
  });
});

describe('an employment’s end moved earlier', () => {
  const lockId = () => tw.world.lockDevice.apartmentA;
  const explain = (staffId: string, at: string) =>
    lead.get(`/api/v1/permissions/explain?staffMemberId=${staffId}&lockId=${lockId()}&at=${at}`);
  const openers = async (at: string) => {
    const answer = await lead.get(`/api/v1/customers/${tw.world.customer.a}/who-can-open?at=${at}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.doors.flatMap((door: { staff: Array<{ staffMemberId: string }> }) =>
      door.staff.map((staff) => staff.staffMemberId),
    );
  };
  const lockList = (staffId: string, at: string) =>
    lead.get(`/api/v1/staff/${staffId}/lock-list?at=${at}`).then((response) => response.body);

  it('leaves nothing given beyond it applying: a membership and a grant that ran past the new end open nothing after it', async () => {
    // On the clock of 20 May, before both ends: hired until 30 September, in team A (which serves
    // customer A) with no end, and given customer A individually until 1 August.
    const staffId = await createStaffMember(tw.admin, tw.world.provider.a);
    const hired = await lead.patch(`/api/v1/staff/${staffId}`, { employmentEndsOn: '2026-09-30' });
    const membership = await lead.post('/api/v1/team-memberships', {
      teamId: tw.world.team.a,
      staffMemberId: staffId,
    });
    const grant = await lead.post('/api/v1/access-grants', {
      staffMemberId: staffId,
      customerId: tw.world.customer.a,
      reason: 'Vikarie',
      validUntil: '2026-08-01T10:00:00Z',
    });
    expect([hired.status, membership.status, grant.status]).toEqual([200, 201, 201]);
    const afterNewEnd = '2026-07-10T10:00:00Z';
    expect((await explain(staffId, afterNewEnd)).body.isAllowed).toBe(true);

    const moved = await lead.patch(`/api/v1/staff/${staffId}`, { employmentEndsOn: '2026-06-30' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);

    // The last day is still worked in full, through the membership and the grant alike.
    const lastDay = await explain(staffId, '2026-06-30T19:00:00Z');
    expect(lastDay.body.isAllowed).toBe(true);
    expect(await openers('2026-06-30T19:00:00Z')).toContain(staffId);
    // After it, nothing applies: explain, who can open and an activation's lock list agree.
    const after = await explain(staffId, afterNewEnd);
    expect(after.body).toMatchObject({ isAllowed: false, reasons: [{ rule: 'employment_ended' }] });
    expect((await explain(staffId, '2026-06-30T22:00:00Z')).body.isAllowed).toBe(false);
    expect(await openers(afterNewEnd)).not.toContain(staffId);
    expect(await lockList(staffId, afterNewEnd)).toMatchObject({
      staffStatus: 'employment_ended',
      locks: [],
    });
    // A key compiled on the last day reaches no further than its midnight.
    const compiled = await lockList(staffId, '2026-06-30T12:00:00Z');
    const untils = compiled.locks.flatMap((lock: { intervals: Array<{ until: string }> }) =>
      lock.intervals.map((interval) => Date.parse(interval.until)),
    );
    expect(untils.length).toBeGreaterThan(0);
    expect(Math.max(...untils)).toBeLessThanOrEqual(Date.parse('2026-06-30T22:00:00Z'));
  });
  it('ends the grants that ran past the new end at its midnight, and removes one that would begin after it, each audited', async () => {
    const staffId = await createStaffMember(tw.admin, tw.world.provider.a);
    // Grants for one place may not overlap: the customer's, and two at a door of their way in.
    const give = (place: object, validFrom: string | undefined, validUntil: string) =>
      lead.post('/api/v1/access-grants', {
        staffMemberId: staffId,
        ...place,
        reason: 'Vikarie',
        ...(validFrom ? { validFrom } : {}),
        validUntil,
      });
    const customer = { customerId: tw.world.customer.a };
    const door = { doorId: tw.world.door.a };
    const running = await give(customer, undefined, '2026-08-01T10:00:00Z');
    const later = await give(door, '2026-07-15T06:00:00Z', '2026-07-20T06:00:00Z');
    const within = await give(door, '2026-06-01T06:00:00Z', '2026-06-10T06:00:00Z');
    expect([running.status, later.status, within.status], JSON.stringify([later.body, within.body])).toEqual([
      201, 201, 201,
    ]);

    const moved = await lead.patch(`/api/v1/staff/${staffId}`, { employmentEndsOn: '2026-06-30' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);

    const listed = await lead.get(`/api/v1/access-grants?staffMemberId=${staffId}`);
    const grants = listed.body.items as Array<{ id: string; validUntil: string }>;
    expect(Object.fromEntries(grants.map((g) => [g.id, g.validUntil]))).toEqual({
      // The midnight that ends 30 June in Stockholm.
      [running.body.id]: '2026-06-30T22:00:00.000Z',
      [within.body.id]: '2026-06-10T06:00:00.000Z',
    });
    const audit = await tw.server.db.pool.query<{ action: string; entity_id: string }>(
      `SELECT action, entity_id FROM audit_entry WHERE entity = 'access_grant' AND entity_id = ANY($1::text[])
         AND action <> 'create' ORDER BY action`,
      [[running.body.id, later.body.id, within.body.id]],
    );
    expect(audit.rows).toEqual([
      { action: 'delete', entity_id: later.body.id },
      { action: 'update', entity_id: running.body.id },
    ]);
    // The grant that is left can be edited again without moving its end.
    const edited = await lead.patch(`/api/v1/access-grants/${running.body.id}`, { reason: 'Vikarie juni' });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
  });
});
