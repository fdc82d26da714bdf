// Deviation plans over real HTTP at a fixed instant (docs/backup-keys.md "Deviation plans"): the
// provider writes, the municipality approves or rejects once with a reason, a newer approved plan
// supersedes the older and both stay; bad input 4xx with nothing changed; role × scope.
import { roles, type Role } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../platform/testing';
import { countRows, startBackupKeySetting, type BackupKeySetting } from './backup-keys.testing';

const now = new Date('2027-03-10T10:00:00Z');
let setting: BackupKeySetting;
let admin: ApiClient;
let planA: string;

beforeAll(async () => {
  setting = await startBackupKeySetting(now);
  admin = setting.admin;
  const made = await setting.clients.work_lead.post('/api/v1/deviation-plans', {
    body: 'Personalen ringer jourhavande låssmed och väntar vid dörren.',
    validFrom: '2027-02-01',
  });
  if (made.status !== 201) throw new Error(JSON.stringify(made.body));
  planA = made.body.id;
}, 120_000);
afterAll(async () => setting?.server.close());

describe('deviation plans (R9.3, R8.3)', () => {
  it('names whoever recorded a plan only while they belong to its provider', async () => {
    const plan = await setting.leadB.post('/api/v1/deviation-plans', {
      body: 'Ring jourhavande.',
      validFrom: '2027-04-01',
    });
    expect(plan.body).toMatchObject({ recordedByName: 'Test work_lead' });
    // No route moves an account to another provider; a data fix in the database could.
    const moved = [plan.body.recordedBy, setting.world.provider.a];
    await setting.server.db.pool.query('UPDATE user_account SET provider_id = $2 WHERE username = $1', moved);
    try {
      const read = (await admin.get(`/api/v1/deviation-plans/${plan.body.id}`)).body;
      expect([read.recordedBy, read.recordedByName]).toEqual([plan.body.recordedBy, null]);
    } finally {
      await setting.server.db.pool.query('UPDATE user_account SET provider_id = $2 WHERE username = $1', [
        plan.body.recordedBy,
        setting.world.provider.b,
      ]);
    }
  });

  it('is pending until approved, and a newer approved plan supersedes the older; both are kept', async () => {
    expect((await admin.get(`/api/v1/deviation-plans/${planA}`)).body).toMatchObject({
      providerId: setting.world.provider.a,
      status: 'pending',
      approvedBy: null,
      approvedByName: null,
      recordedByName: 'Test work_lead',
    });
    const approved = await admin.post(`/api/v1/deviation-plans/${planA}/decision`, {
      decision: 'approved',
      reason: 'Tydlig rutin.',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'in_force',
      approvalNote: 'Tydlig rutin.',
      approvedAt: now.toISOString(),
      approvedByName: 'Test municipality_admin',
    });
    // The provider's work lead reads the municipality's approver by name too.
    expect(
      (await setting.clients.work_lead.get(`/api/v1/deviation-plans/${planA}`)).body.approvedByName,
    ).toBe('Test municipality_admin');
    const audit = await setting.server.db.pool.query(
      "SELECT 1 FROM audit_entry WHERE entity = 'deviation_plan' AND action = 'approve' AND entity_id = $1",
      [planA],
    );
    expect(audit.rowCount).toBe(1);
    const later = await setting.clients.work_lead.post('/api/v1/deviation-plans', {
      body: 'Ny rutin: reservnyckel ur nyckelskåpet, uttaget registreras.',
      validFrom: '2027-03-01',
    });
    const next = await admin.post(`/api/v1/deviation-plans/${later.body.id}/decision`, {
      decision: 'approved',
    });
    expect(next.body.status).toBe('in_force');
    const list = await admin.get(`/api/v1/deviation-plans?providerId=${setting.world.provider.a}`);
    expect(list.body.day).toBe('2027-03-10');
    expect(list.body.items.map((plan: { id: string; status: string }) => [plan.id, plan.status])).toEqual([
      [later.body.id, 'in_force'],
      [planA, 'superseded'],
    ]);
    const superseded = await admin.get('/api/v1/deviation-plans?status=superseded');
    expect(superseded.body.items.map((plan: { id: string }) => plan.id)).toEqual([planA]);
  });

  it('rejects with a reason, decides once, and refuses bad input changing nothing', async () => {
    const plan = await setting.leadB.post('/api/v1/deviation-plans', {
      body: 'Nattpatrullen ringer.',
      validFrom: '2027-03-01',
    });
    expect(plan.body).toMatchObject({ providerId: setting.world.provider.b, status: 'pending' });
    const decide = (body: Record<string, unknown>) =>
      admin.post(`/api/v1/deviation-plans/${plan.body.id}/decision`, body);
    const noReason = await decide({ decision: 'rejected' });
    expect([noReason.status, noReason.body.code]).toEqual([422, 'reason_required']);
    const blankReason = await decide({ decision: 'rejected', reason: ' ' });
    expect([blankReason.status, blankReason.body.code]).toEqual([400, 'blank_text']);
    const rejected = await decide({ decision: 'rejected', reason: 'Saknar rutin för låsfel på natten.' });
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      rejectedReason: 'Saknar rutin för låsfel på natten.',
      rejectedAt: now.toISOString(),
      rejectedByName: 'Test municipality_admin',
    });
    const again = await decide({ decision: 'approved' });
    expect([again.status, again.body.code]).toEqual([409, 'plan_already_decided']);
    expect((await admin.get(`/api/v1/deviation-plans/${plan.body.id}`)).body.status).toBe('rejected');
    const before = await countRows(setting, 'deviation_plan');
    const blank = await setting.leadB.post('/api/v1/deviation-plans', {
      body: '   ',
      validFrom: '2027-03-01',
    });
    expect([blank.status, blank.body.code]).toEqual([400, 'blank_text']);
    const badDay = await setting.leadB.post('/api/v1/deviation-plans', {
      body: 'Plan',
      validFrom: '2027-13-01',
    });
    expect(badDay.status).toBe(400);
    const otherProvider = await setting.leadB.post('/api/v1/deviation-plans', {
      body: 'Plan',
      validFrom: '2027-03-01',
      providerId: setting.world.provider.a,
    });
    expect([otherProvider.status, otherProvider.body.code]).toEqual([403, 'forbidden']);
    const noProvider = await admin.post('/api/v1/deviation-plans', { body: 'Plan', validFrom: '2027-03-01' });
    expect([noProvider.status, noProvider.body.code]).toEqual([422, 'provider_required']);
    expect(noProvider.body.details).toEqual({ field: 'providerId' });
    expect(await countRows(setting, 'deviation_plan')).toBe(before);
  });
});

describe('role × scope', () => {
  it.each(roles)('who may write, read and decide deviation plans (%s)', async (role: Role) => {
    const client = setting.clients[role];
    const mayRead = [
      'municipality_admin',
      'support',
      'lock_manager',
      'auditor',
      'work_lead',
      'staff',
    ].includes(role);
    const mayCreate = ['municipality_admin', 'work_lead'].includes(role);
    const made = await client.post('/api/v1/deviation-plans', {
      body: `Plan av ${role}`,
      validFrom: '2027-04-01',
      ...(role === 'work_lead' ? {} : { providerId: setting.world.provider.a }),
    });
    expect(made.status).toBe(mayCreate ? 201 : 403);
    const list = await client.get('/api/v1/deviation-plans');
    expect(list.status).toBe(mayRead ? 200 : 403);
    if (mayRead) {
      const providers = new Set(list.body.items.map((plan: { providerId: string }) => plan.providerId));
      // A work lead and staff of provider A see only provider A's plans.
      if (role === 'work_lead' || role === 'staff')
        expect([...providers]).toEqual([setting.world.provider.a]);
      else expect(providers.has(setting.world.provider.b)).toBe(true);
    }
    expect((await client.get(`/api/v1/deviation-plans/${planA}`)).status).toBe(mayRead ? 200 : 403);
    const target = made.status === 201 ? made.body.id : planA;
    const decided = await client.post(`/api/v1/deviation-plans/${target}/decision`, { decision: 'approved' });
    expect(decided.status).toBe(role === 'municipality_admin' ? 200 : 403);
  });

  it('hides another provider’s plans from a work lead', async () => {
    const planB = (await setting.leadB.get('/api/v1/deviation-plans')).body.items[0];
    expect((await setting.clients.work_lead.get(`/api/v1/deviation-plans/${planB.id}`)).status).toBe(404);
    const filtered = await setting.clients.work_lead.get(
      `/api/v1/deviation-plans?providerId=${setting.world.provider.b}`,
    );
    expect(filtered.body.items).toEqual([]);
    expect((await setting.clients.property_owner.get('/api/v1/deviation-plans')).status).toBe(403);
  });
});
