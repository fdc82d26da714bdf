// One rule for an organisation number wherever one is written (core's `isOrganisationNumber`):
// locksmith companies, providers and property owners refuse "12345" or a wrong check digit with
// 400 validation_failed naming the field and the rule, and save nothing; a number stored before
// the rule is still answered, found by its filter and left alone when other fields change.
import { organisationNumberRule } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { startTestWorld, type World } from '../platform/world.testing';

const now = new Date('2027-02-08T09:00:00Z');
let server: TestServer;
let admin: ApiClient;
let world: World;

beforeAll(async () => {
  ({ server, admin, world } = await startTestWorld({ now: () => now }));
}, 120_000);
afterAll(async () => server?.close());

async function countAudit(): Promise<number> {
  const { rows } = await server.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_entry');
  return rows[0]!.n;
}

describe('organisation numbers', () => {
  it('refuses one that is none, at every registry field that holds one, and saves nothing', async () => {
    const before = await countAudit();
    const writes = [
      () => admin.post('/api/v1/locksmith-companies', { name: 'Fel AB', organisationNumber: '12345' }),
      () =>
        admin.patch(`/api/v1/locksmith-companies/${world.locksmithCompany.a}`, {
          organisationNumber: '556036-0794',
        }),
      () => admin.patch(`/api/v1/providers/${world.provider.a}`, { organisationNumber: 'abc' }),
      () =>
        admin.post('/api/v1/property-owners', { name: 'Fel Fastigheter AB', organisationNumber: '5560360' }),
    ];
    for (const write of writes) {
      const refused = await write();
      expect([refused.status, refused.body.code]).toEqual([400, 'validation_failed']);
      expect(refused.body.details?.[0]).toMatchObject({
        field: 'body.organisationNumber',
        problem: 'format',
      });
      expect(refused.body.message).toBe(
        `The request is not valid: body.organisationNumber must be an organisation number: ${organisationNumberRule}.`,
      );
    }
    expect(await countAudit()).toBe(before);
  });

  it('takes a real one as written, with or without hyphen or the 16 prefix', async () => {
    for (const organisationNumber of ['556036-0793', '5560360793', '16556036-0793']) {
      const made = await admin.post('/api/v1/locksmith-companies', {
        name: `Rätt ${organisationNumber} AB`,
        organisationNumber,
      });
      expect([made.status, made.body.organisationNumber]).toEqual([201, organisationNumber]);
    }
  });

  it('answers and filters by a number stored before the rule, and keeps it when other fields change', async () => {
    await server.db.pool.query('UPDATE property_owner SET organisation_number = $2 WHERE id = $1', [
      world.propertyOwner.a,
      '12345',
    ]);
    const found = await admin.get('/api/v1/property-owners?organisationNumber=12345');
    expect([found.status, found.body.items.map((row: { id: string }) => row.id)]).toEqual([
      200,
      [world.propertyOwner.a],
    ]);
    const renamed = await admin.patch(`/api/v1/property-owners/${world.propertyOwner.a}`, {
      name: 'Nytt Namn AB',
    });
    expect([renamed.status, renamed.body.organisationNumber]).toEqual([200, '12345']);
  });
});
