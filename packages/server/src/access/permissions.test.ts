// Who may open what, through the real API: team service, service windows, individual grants,
// removing a customer from a team, and the permission history (R3).
// The server judges "now" by the wall clock, so every instant here is relative to that clock
// (never a calendar date, which would fail once it has passed), and a test that changes the
// shared world puts it back in `finally` or works on records of its own.
import { createZoneClock, minutesPerDay, parseClockTime } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localToday } from '../registry/registry-hooks';
import { blockKeysOfEndedEmployments } from '../registry';
import type { ApiClient, TestServer } from '../platform/testing';
import { daysFromNow, startTestWorld, unique, type World } from '../platform/world.testing';

let server: TestServer;
let admin: ApiClient;
let workLeadA: ApiClient;
let workLeadB: ApiClient;
let world: World;

beforeAll(async () => {
  const started = await startTestWorld();
  ({ server, admin, world } = started);
  workLeadA = await started.login('work_lead', { providerId: world.provider.a });
  workLeadB = await started.login('work_lead', { providerId: world.provider.b });
});
afterAll(async () => server?.close());

const stockholm = createZoneClock('Europe/Stockholm');
/** The instant at which Stockholm's clocks show `time` ("HH:MM"), `days` local days after today. */
function localInstant(days: number, time: string): string {
  const today = Math.floor(stockholm.toLocal(Math.floor(Date.now() / 60_000)) / minutesPerDay);
  const localMinute = (today + days) * minutesPerDay + parseClockTime(time);
  return new Date(stockholm.fromLocal(localMinute) * 60_000).toISOString();
}

/**
 * A customer of its own in district A whose apartment door has a lock, served by provider A
 * (home care) and team A, with the way in through world.door.a: like world.customer.a, for a test
 * that takes access away without taking it from the shared world.
 */
async function addServedCustomer(): Promise<{ customerId: string; lockId: string; teamCustomerId: string }> {
  const created = async (path: string, body: Record<string, unknown>): Promise<string> => {
    const response = await admin.post(`/api/v1/${path}`, body);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.id;
  };
  const doorId = await created('doors', {
    propertyId: world.property.a,
    kind: 'apartment_door',
    label: 'Lgh 1010',
  });
  const customerId = await created('customers', {
    districtId: world.district.a,
    givenName: 'Egen',
    familyName: unique('Kund'),
    residencePropertyId: world.property.a,
    apartmentDoorId: doorId,
  });
  const lockId = await created('locks', {
    lockType: 'cylinder_ring',
    serial: unique('PV-CR'),
    status: 'installed',
    doorId,
  });
  await created('customer-services', {
    customerId,
    service: 'home_care',
    providerId: world.provider.a,
    startsOn: '2026-01-01',
  });
  const teamCustomerId = await created('team-customers', { teamId: world.team.a, customerId });
  const path = await admin.put(`/api/v1/customers/${customerId}/access-path`, {
    doorIds: [world.door.a, doorId],
  });
  expect(path.status).toBe(200);
  return { customerId, lockId, teamCustomerId };
}

const explainAt = (client: ApiClient, staffId: string, lockId: string, at?: string) =>
  client.get(
    `/api/v1/permissions/explain?staffMemberId=${staffId}&lockId=${lockId}${at ? `&at=${encodeURIComponent(at)}` : ''}`,
  );

describe('explain', () => {
  it('allows staff of a team that serves the customer, and says which rule', async () => {
    const response = await explainAt(admin, world.staffMember.a, world.lockDevice.apartmentA);
    expect(response.status).toBe(200);
    expect(response.body.isAllowed).toBe(true);
    expect(response.body.reasons.map((r: { rule: string }) => r.rule)).toContain('team_service');
    expect(response.body.reasons[0].text.length).toBeGreaterThan(20);
  });

  it('words the reasons in Swedish unless Accept-Language asks for English', async () => {
    const path = `/api/v1/permissions/explain?staffMemberId=${world.staffMember.b}&lockId=${world.lockDevice.apartmentA}`;
    const swedish = await admin.get(path);
    const english = await admin.request('GET', path, undefined, { headers: { 'accept-language': 'en' } });
    expect(swedish.body.reasons[0].rule).toBe('no_chosen_provider');
    expect(english.body.reasons).toHaveLength(swedish.body.reasons.length);
    expect(english.body.reasons[0].rule).toBe('no_chosen_provider');
    expect(swedish.body.reasons[0].text).toMatch(/har (inte )?valt/);
    expect(english.body.reasons[0].text).toMatch(/has (not )?chosen/);
    const who = await admin.request('GET', `/api/v1/customers/${world.customer.a}/who-can-open`, undefined, {
      headers: { 'accept-language': 'sv-SE,sv;q=0.9,en;q=0.8' },
    });
    const texts = who.body.doors.flatMap((door: { staff: { reasons: { text: string }[] }[] }) =>
      door.staff.flatMap((person) => person.reasons.map((reason) => reason.text)),
    );
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).toMatch(/ ingår i | har /);
  });

  it('refuses staff of a provider the customer has not chosen, in words', async () => {
    const response = await explainAt(admin, world.staffMember.b, world.lockDevice.apartmentA);
    expect(response.body.isAllowed).toBe(false);
    expect(response.body.reasons[0].rule).toBe('no_chosen_provider');
  });

  it('follows the provider’s service window (night patrol style, across midnight)', async () => {
    const before = await admin.get(`/api/v1/providers/${world.provider.a}`);
    const patched = await admin.patch(`/api/v1/providers/${world.provider.a}`, {
      serviceWindows: { home_care: [{ from: '22:00', to: '07:00' }] },
    });
    expect(patched.status).toBe(200);
    try {
      // Tomorrow and the night after, local time: after the world's assignments began.
      const noon = await explainAt(
        admin,
        world.staffMember.a,
        world.lockDevice.apartmentA,
        localInstant(1, '12:00'),
      );
      expect(noon.body.isAllowed).toBe(false);
      expect(noon.body.reasons[0].rule).toBe('outside_service_window');
      const lateEvening = await explainAt(
        admin,
        world.staffMember.a,
        world.lockDevice.apartmentA,
        localInstant(1, '23:30'),
      );
      expect(lateEvening.body.isAllowed).toBe(true);
      const earlyMorning = await explainAt(
        admin,
        world.staffMember.a,
        world.lockDevice.apartmentA,
        localInstant(2, '06:59'),
      );
      expect(earlyMorning.body.isAllowed).toBe(true);
    } finally {
      const restored = await admin.patch(`/api/v1/providers/${world.provider.a}`, {
        serviceWindows: before.body.serviceWindows ?? {},
      });
      expect(restored.status).toBe(200);
    }
  });
});

describe('grants and who can open now', () => {
  it('a temporary individual grant shows in who-can-open and ends by itself', async () => {
    const temp = await admin.post('/api/v1/staff', {
      providerId: world.provider.a,
      givenName: 'Vera',
      familyName: 'Vikarie',
      employmentStartsOn: '2026-01-01',
    });
    const doorOf = (body: any) =>
      body.doors.find((door: { doorId: string }) => door.doorId === world.door.apartmentA);
    let who = await workLeadA.get(`/api/v1/customers/${world.customer.a}/who-can-open`);
    expect(doorOf(who.body).staff.map((s: { staffMemberId: string }) => s.staffMemberId)).not.toContain(
      temp.body.id,
    );

    const until = new Date(Date.now() + 60 * 60 * 1000).toISOString();
    const grant = await workLeadA.post('/api/v1/access-grants', {
      staffMemberId: temp.body.id,
      customerId: world.customer.a,
      validUntil: until,
      reason: 'Vikarie i eftermiddag',
    });
    expect(grant.status).toBe(201);
    expect(grant.body.grantedBy).toMatch(/^work-lead-/);

    who = await workLeadA.get(`/api/v1/customers/${world.customer.a}/who-can-open`);
    const vera = doorOf(who.body).staff.find(
      (s: { staffMemberId: string }) => s.staffMemberId === temp.body.id,
    );
    expect(vera.reasons.map((r: { rule: string }) => r.rule)).toEqual(['individual_grant']);
    expect(vera.name).toBe('Vera Vikarie');

    const later = await explainAt(
      admin,
      temp.body.id,
      world.lockDevice.apartmentA,
      new Date(Date.now() + 2 * 3600_000).toISOString(),
    );
    expect(later.body.isAllowed).toBe(false);
    expect(later.body.reasons[0].rule).toBe('grant_expired');

    const history = await workLeadA.get(`/api/v1/staff/${temp.body.id}/permission-history`);
    expect(history.body.items.map((item: { entity: string }) => item.entity)).toContain('access_grant');
    expect(history.body.items[0].after.reason).toBe('Vikarie i eftermiddag');
  });

  it('a work lead sees only their own provider’s people in who-can-open', async () => {
    const customer = await admin.post('/api/v1/customers', {
      districtId: world.district.a,
      givenName: 'Delad',
      familyName: 'Kund',
      residencePropertyId: world.property.a,
    });
    const door = await admin.post('/api/v1/doors', {
      propertyId: world.property.a,
      kind: 'apartment_door',
      label: 'Lgh 1009',
    });
    await admin.patch(`/api/v1/customers/${customer.body.id}`, { apartmentDoorId: door.body.id });
    await admin.post('/api/v1/locks', {
      lockType: 'cylinder_ring',
      serial: `PV-S-${Date.now()}`,
      status: 'installed',
      doorId: door.body.id,
    });
    for (const [provider, team] of [
      [world.provider.a, world.team.a],
      [world.provider.b, world.team.b],
    ] as const) {
      expect(
        (
          await admin.post('/api/v1/customer-services', {
            customerId: customer.body.id,
            service: 'home_care',
            providerId: provider,
            startsOn: '2026-01-01',
          })
        ).status,
      ).toBe(201);
      expect(
        (await admin.post('/api/v1/team-customers', { teamId: team, customerId: customer.body.id })).status,
      ).toBe(201);
    }
    expect(
      (
        await admin.put(`/api/v1/customers/${customer.body.id}/access-path`, {
          doorIds: [world.door.a, door.body.id],
        })
      ).status,
    ).toBe(200);
    const staffOf = (body: any) =>
      new Set(body.doors.flatMap((d: any) => d.staff.map((s: any) => s.staffMemberId)));
    const all = staffOf((await admin.get(`/api/v1/customers/${customer.body.id}/who-can-open`)).body);
    expect(all.has(world.staffMember.a) && all.has(world.staffMember.b)).toBe(true);
    const seenByA = staffOf((await workLeadA.get(`/api/v1/customers/${customer.body.id}/who-can-open`)).body);
    expect(seenByA.has(world.staffMember.a)).toBe(true);
    expect(seenByA.has(world.staffMember.b)).toBe(false);
    const historyForB = await workLeadB.get(`/api/v1/customers/${customer.body.id}/permission-history`);
    const teams = historyForB.body.items
      .filter((i: any) => i.entity === 'team_customer')
      .map((i: any) => i.after.teamId);
    expect(teams).toEqual([world.team.b]);
  });

  it('removing the customer from the team takes the access away at once', async () => {
    const own = await addServedCustomer();
    const grant = await admin.post('/api/v1/access-grants', {
      staffMemberId: world.staffMember.a,
      customerId: own.customerId,
      validUntil: daysFromNow(30),
      reason: 'Vikarie under semestern',
    });
    expect(grant.status).toBe(201);
    expect((await explainAt(admin, world.staffMember.a, own.lockId)).body.isAllowed).toBe(true);
    expect((await workLeadA.delete(`/api/v1/team-customers/${own.teamCustomerId}`)).status).toBe(204);
    // Still in through the individual grant…
    const viaGrant = await explainAt(admin, world.staffMember.a, own.lockId);
    expect(viaGrant.body.reasons.map((r: { rule: string }) => r.rule)).toEqual(['individual_grant']);
    // …until that ends too (a grant that has begun is ended, not deleted).
    const ended = await workLeadA.patch(`/api/v1/access-grants/${grant.body.id}`, {
      validUntil: new Date().toISOString(),
    });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    const after = await explainAt(admin, world.staffMember.a, own.lockId);
    expect(after.body.isAllowed).toBe(false);
    const history = await admin.get(`/api/v1/customers/${own.customerId}/permission-history`);
    expect(
      history.body.items
        .slice(0, 2)
        .map((item: { action: string; entity: string }) => `${item.action} ${item.entity}`),
    ).toEqual(['update access_grant', 'delete team_customer']);
  });

  it('lists the locks a staff member may open', async () => {
    const list = await admin.get(`/api/v1/staff/${world.staffMember.b}/lock-list`);
    expect(list.status).toBe(200);
    expect(list.body.staffStatus).toBe('active');
    expect(list.body.locks[0].address).toBe('Storgatan 1');
    const locks = list.body.locks.map((lock: { lockId: string }) => lock.lockId);
    expect(locks).toEqual(expect.arrayContaining([world.lockDevice.b]));
    expect(locks).not.toContain(world.lockDevice.apartmentA);
  });
});

describe('blocking keys', () => {
  it('a blocked key goes on the block list with a new version and cannot be unblocked', async () => {
    const before = await server.db.pool.query('SELECT block_list_version AS v FROM municipality');
    const key = await workLeadA.post('/api/v1/keys', {
      providerId: world.provider.a,
      kind: 'hardware_key',
      serial: `PV-B-${Date.now()}`,
    });
    expect(
      (
        await workLeadA.patch(`/api/v1/keys/${key.body.id}`, {
          status: 'lost',
          statusReason: 'Tappad på bussen',
        })
      ).status,
    ).toBe(200);
    const entry = await server.db.pool.query(
      'SELECT added_in_version, reason FROM block_list_entry WHERE digital_key_id = $1',
      [key.body.id],
    );
    expect(entry.rows[0].reason).toBe('Tappad på bussen');
    expect(entry.rows[0].added_in_version).toBe(before.rows[0].v + 1);
    const unblock = await workLeadA.patch(`/api/v1/keys/${key.body.id}`, { status: 'active' });
    expect(unblock.status).toBe(422);
    expect(unblock.body.code).toBe('cannot_unblock');
  });

  it('ending a staff member’s employment blocks every key they hold', async () => {
    const staff = await workLeadA.post('/api/v1/staff', {
      providerId: world.provider.a,
      givenName: 'Slutar',
      familyName: 'Idag',
      employmentStartsOn: '2025-01-01',
    });
    const keys = [];
    for (const kind of ['hardware_key', 'phone']) {
      keys.push(
        (
          await workLeadA.post('/api/v1/keys', {
            providerId: world.provider.a,
            kind,
            serial: `PV-E-${kind}-${Date.now()}`,
            holderStaffMemberId: staff.body.id,
          })
        ).body.id,
      );
    }
    expect(
      (await workLeadA.patch(`/api/v1/staff/${staff.body.id}`, { employmentEndsOn: localToday() })).status,
    ).toBe(200);
    // The keys work through the last day; once it has passed the employment-end sweep blocks them.
    for (const id of keys) expect((await workLeadA.get(`/api/v1/keys/${id}`)).body.status).toBe('active');
    await blockKeysOfEndedEmployments({ pool: server.db.pool, now: new Date(Date.now() + 86_400_000) });
    for (const id of keys) {
      const key = await workLeadA.get(`/api/v1/keys/${id}`);
      expect(key.body).toMatchObject({ status: 'blocked', statusReason: 'employment_ended' });
    }
    const { rowCount } = await server.db.pool.query(
      'SELECT 1 FROM block_list_entry WHERE digital_key_id = ANY($1)',
      [keys],
    );
    expect(rowCount).toBe(2);
    const audit = await server.db.pool.query(
      "SELECT 1 FROM audit_entry WHERE action = 'block' AND entity_id = ANY($1)",
      [keys],
    );
    expect(audit.rowCount).toBe(2);
  });
});
