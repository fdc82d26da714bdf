// Visit-window mode with break-glass (issue #11 item 9; docs/permissions.md "Visit-window mode",
// docs/visits.md "Break-glass") on the real server with a fixed clock, over real HTTP, with
// simulated locks, keys, an activation box and a sync station: a windowed customer's apartment door
// opens only around the planned visit; an alarm lets the alarm patrol in at its next activation;
// that opening is listed for review, the review needs a comment, and no other provider sees it.
import { ApiClient, createUser, testPassword } from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord as create } from './devices.testing';
import { createVisitWindowWorld, type VisitWindowWorld } from './visit-window.world';

let w: VisitWindowWorld;
let server: VisitWindowWorld['server'];
let admin: ApiClient;
let alarmLead: ApiClient;
let homeLead: ApiClient;
let ids: VisitWindowWorld['ids'];
let locks: VisitWindowWorld['locks'];
let keys: VisitWindowWorld['keys'];
const moveTo = (clock: string) => w.moveTo(clock);

beforeAll(async () => {
  w = await createVisitWindowWorld();
  ({ server, admin, alarmLead, homeLead, ids, locks, keys } = w);
}, 120_000);

afterAll(async () => server?.close());

describe('visit-window mode', () => {
  it('shows the work lead the lock list an activation would compile: the apartment only around the visit', async () => {
    const list = await homeLead.get(
      `/api/v1/staff/${ids.anna}/lock-list?at=2026-03-02T07:00:00%2B01:00&validForHours=12`,
    );
    expect(list.status).toBe(200);
    const intervalsOf = (label: string) =>
      list.body.locks.find((lock: { doorLabel: string }) => lock.doorLabel === label)?.intervals;
    expect(intervalsOf('Lgh 1101')).toEqual([
      { from: '2026-03-02T08:45:00.000Z', until: '2026-03-02T09:45:00.000Z' },
    ]);
    // No home care service windows configured: the entrance is open for the whole list.
    expect(intervalsOf('Port A')).toEqual([
      { from: '2026-03-02T06:00:00.000Z', until: '2026-03-02T18:00:00.000Z' },
    ]);
  });

  it('keeps a key activated outside the planned visit out of the apartment until the visit’s window', async () => {
    expect(await w.box.activate(keys.anna, '1234')).toMatchObject({ isActivated: true, mode: 'online' });
    // The shared entrance is not the customer's own door: open as the service window says.
    expect(await keys.anna.openLock(locks.entrance)).toEqual({ isOpen: true });
    expect(await keys.anna.openLock(locks.apartment)).toEqual({
      isOpen: false,
      reason: 'outside-time-window',
    });
    moveTo('09:44');
    expect(await keys.anna.openLock(locks.apartment)).toEqual({
      isOpen: false,
      reason: 'outside-time-window',
    });
    // 15 minutes' margin before the 10:00 window, on the same ticket.
    moveTo('09:45');
    expect(await keys.anna.openLock(locks.apartment)).toEqual({ isOpen: true });
    moveTo('10:44');
    expect(await keys.anna.openLock(locks.apartment)).toEqual({ isOpen: true });
    moveTo('10:45');
    expect(await keys.anna.openLock(locks.apartment)).toEqual({
      isOpen: false,
      reason: 'outside-time-window',
    });
  });

  it('gives the alarm patrol nothing at the door without an alarm, and a break-glass window at its next activation after one', async () => {
    moveTo('11:50');
    expect(await w.box.activate(keys.eva, '5678')).toMatchObject({ isActivated: true });
    // No planned visit of the alarm patrol: the apartment door is not in its ticket at all.
    expect(await keys.eva.openLock(locks.apartment)).toEqual({ isOpen: false, reason: 'wrong-lock' });
    expect(await keys.eva.openLock(locks.entrance)).toEqual({ isOpen: true });

    moveTo('12:00');
    const alarm = await admin.post('/api/v1/alarms', [
      { externalId: 'AL-77', customerId: ids.karl, raisedAt: '2026-03-02T12:00:00+01:00' },
    ]);
    expect(alarm.body).toEqual({ created: 1, unchanged: 0 });
    // The key activated before the alarm still has the ticket from before it.
    moveTo('12:03');
    expect(await keys.eva.openLock(locks.apartment)).toEqual({ isOpen: false, reason: 'wrong-lock' });
    // Its next contact brings the window: here, the next activation.
    expect(await w.box.activate(keys.eva, '5678')).toMatchObject({ isActivated: true });
    moveTo('12:05');
    expect(await keys.eva.openLock(locks.apartment)).toEqual({ isOpen: true });
    // Only the alarm-serving provider: the home care's key gets nothing from the alarm.
    expect(await w.box.activate(keys.anna, '1234')).toMatchObject({ isActivated: true });
    expect(await keys.anna.openLock(locks.apartment)).toEqual({ isOpen: false, reason: 'wrong-lock' });
    // For the minutes set: 60 from the alarm.
    moveTo('13:00');
    expect(await keys.eva.openLock(locks.apartment)).toEqual({
      isOpen: false,
      reason: 'outside-time-window',
    });

    const windows = await server.db.pool.query(
      `SELECT w.provider_id, w.starts_at, w.ends_at, e.action, e.entity
       FROM break_glass_window w JOIN audit_entry e ON e.entity_id = w.id::text WHERE w.customer_id = $1`,
      [ids.karl],
    );
    expect(windows.rows).toEqual([
      {
        provider_id: ids.alarmPatrol,
        starts_at: new Date('2026-03-02T11:00:00Z'),
        ends_at: new Date('2026-03-02T12:00:00Z'),
        action: 'break_glass',
        entity: 'break_glass',
      },
    ]);
  });

  it('lists the opening only the break-glass window allowed, for the alarm patrol’s work lead to review', async () => {
    // The keys bring the lock's records back through the sync station.
    expect(await w.station.sync(keys.eva)).toMatchObject({ isSynced: true });
    expect(await w.station.sync(keys.anna)).toMatchObject({ isSynced: true });
    const list = await alarmLead.get('/api/v1/break-glass-openings');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        alarmExternalId: 'AL-77',
        customerId: ids.karl,
        customerName: 'Karl Berg',
        providerId: ids.alarmPatrol,
        staffMemberId: ids.eva,
        staffName: 'Eva Larm',
        doorLabel: 'Lgh 1101',
        occurredAt: '2026-03-02T11:05:00.000Z',
        windowStartsAt: '2026-03-02T11:00:00.000Z',
        windowEndsAt: '2026-03-02T12:00:00.000Z',
        review: null,
      }),
    ]);
    // It is in the provider audit report too.
    const audit = await alarmLead.get(
      '/api/v1/event-reports/provider-audit?from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z',
    );
    expect(audit.status).toBe(200);
    expect(audit.body.breakGlassOpenings.map((o: { id: string }) => o.id)).toEqual([list.body.items[0].id]);
  });

  it('lets no other provider see or review it', async () => {
    const [opening] = (await alarmLead.get('/api/v1/break-glass-openings')).body.items;
    const home = await homeLead.get(`/api/v1/break-glass-openings?providerId=${ids.alarmPatrol}`);
    expect(home.status).toBe(200);
    expect(home.body.items).toEqual([]);
    expect((await homeLead.get('/api/v1/break-glass-openings')).body.items).toEqual([]);
    const review = await homeLead.post(`/api/v1/break-glass-openings/${opening.id}/review`, {
      comment: 'Inte vår kund.',
    });
    expect(review.status).toBe(404);
    expect(review.body.code).toBe('not_found');
    // The municipality reads all providers' openings, but the review is the work lead's.
    expect((await admin.get('/api/v1/break-glass-openings')).body.items).toHaveLength(1);
    expect(
      (await admin.post(`/api/v1/break-glass-openings/${opening.id}/review`, { comment: 'Ok.' })).status,
    ).toBe(403);
  });

  it('needs a comment to review, records it once and audits it', async () => {
    const [opening] = (await alarmLead.get('/api/v1/break-glass-openings')).body.items;
    const url = `/api/v1/break-glass-openings/${opening.id}/review`;
    for (const [body, code] of [
      [{}, 'validation_failed'],
      [{ comment: '' }, 'validation_failed'],
      [{ comment: '    ' }, 'blank_text'],
    ] as const) {
      const refused = await alarmLead.post(url, body);
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe(code);
    }
    const malformed = await alarmLead.post('/api/v1/break-glass-openings/not-an-opening/review', {
      comment: 'Ok.',
    });
    expect(malformed.status).toBe(400);
    // Nothing was recorded by the refusals.
    expect((await server.db.pool.query('SELECT 1 FROM break_glass_review')).rowCount).toBe(0);
    const reviewed = await alarmLead.post(url, {
      comment: 'Larm 12:00, Karl hade fallit. Ambulans tillkallad.',
    });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.review).toMatchObject({
      comment: 'Larm 12:00, Karl hade fallit. Ambulans tillkallad.',
    });
    expect((await alarmLead.post(url, { comment: 'Igen.' })).status).toBe(409);
    // Reviewed openings leave the queue; asked for, they come with their review.
    expect((await alarmLead.get('/api/v1/break-glass-openings')).body.items).toEqual([]);
    const all = await alarmLead.get('/api/v1/break-glass-openings?isReviewedIncluded=true');
    expect(all.body.items[0].review.comment).toBe('Larm 12:00, Karl hade fallit. Ambulans tillkallad.');
    const entries = await server.db.pool.query(
      `SELECT action, entity, after FROM audit_entry WHERE entity = 'break_glass' AND action = 'review'`,
    );
    expect(entries.rows).toEqual([
      {
        action: 'review',
        entity: 'break_glass',
        after: expect.objectContaining({
          staffMemberId: ids.eva,
          comment: 'Larm 12:00, Karl hade fallit. Ambulans tillkallad.',
        }),
      },
    ]);
  });
});

describe('break-glass routes in the role × scope matrix', () => {
  // Written out by hand, not derived from core's policy, so a wrong policy fails here. `review`
  // posts to the opening already reviewed: a role allowed past authorisation gets 409 or 404.
  const expected: Record<string, { list: number; sees: number; review: number }> = {
    municipality_admin: { list: 200, sees: 1, review: 403 },
    lock_manager: { list: 403, sees: 0, review: 403 },
    installer: { list: 403, sees: 0, review: 403 },
    work_lead_alarm: { list: 200, sees: 1, review: 409 },
    work_lead_home: { list: 200, sees: 0, review: 404 },
    staff: { list: 403, sees: 0, review: 403 },
    support: { list: 200, sees: 1, review: 403 },
    auditor: { list: 200, sees: 1, review: 403 },
    property_owner: { list: 403, sees: 0, review: 403 },
  };
  for (const [role, cells] of Object.entries(expected))
    it(`${role}: list ${cells.list} (sees ${cells.sees}), review ${cells.review}`, async () => {
      const pool = server.db.pool;
      const municipalityId = ids.municipality;
      const client =
        role === 'work_lead_alarm'
          ? alarmLead
          : role === 'work_lead_home'
            ? homeLead
            : await new ApiClient(server.url).login(
                await createUser(
                  pool,
                  municipalityId,
                  role as Parameters<typeof createUser>[2],
                  role === 'staff'
                    ? { providerId: ids.alarmPatrol, staffMemberId: ids.eva }
                    : role === 'property_owner'
                      ? {
                          propertyOwnerId: await create(admin, 'property-owners', {
                            name: 'Fastighets AB Lärkan',
                          }),
                        }
                      : {},
                ),
                testPassword,
              );
      const list = await client.get('/api/v1/break-glass-openings?isReviewedIncluded=true');
      expect(list.status).toBe(cells.list);
      if (list.status === 200) expect(list.body.items).toHaveLength(cells.sees);
      const [opening] = (await admin.get('/api/v1/break-glass-openings?isReviewedIncluded=true')).body.items;
      const review = await client.post(`/api/v1/break-glass-openings/${opening.id}/review`, {
        comment: 'Granskad igen.',
      });
      expect(review.status).toBe(cells.review);
    });
});
