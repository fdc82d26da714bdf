// Issue #16 item 1: two servers on one database, as `portvakt start` on two hosts against one
// DATABASE_URL runs them. Each has its own connection pool and its own compiled permission index
// cache (startTwinServer); only the database is shared. Permission changes through one and
// activations at the other interleave, and every ticket follows the latest permissions: the
// cache's version check (per municipality, migration 0039) sees the other server's write. Both
// servers run on the world's fixed clock, which a child process could not share.
import { ActivationBox, HttpIssuerGateway, ManualWorldClock } from '@portvakt/devices';
import { uuidToBytes } from '@portvakt/protocol';
import {
  ApiClient,
  createMunicipality,
  createUser,
  startTwinServer,
  testPassword,
} from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord } from './devices.testing';
import { createVisitDayWorld, type VisitDayWorld } from './visit-day.world';

// Monday 2 March 2026, 08:00 in Stockholm: a working day.
const world = new ManualWorldClock(Date.parse('2026-03-02T08:00:00+01:00') / 1000);
let w: VisitDayWorld;
let twin: { url: string; close(): Promise<void> };
/** Per server: provider A's work lead and the district's box, both reaching that server. */
const servers: Array<{ name: string; workLead: ApiClient; box: ActivationBox }> = [];

beforeAll(async () => {
  w = await createVisitDayWorld(world, {});
  twin = await startTwinServer(w.server);
  for (const [name, url] of [
    ['first', w.server.url],
    ['second', twin.url],
  ] as const) {
    const workLead = await new ApiClient(url).login(
      await createUser(w.server.db.pool, w.municipalityId, 'work_lead', { providerId: w.providerA }),
      testPassword,
    );
    const gateway = new HttpIssuerGateway({
      baseUrl: url,
      deviceId: w.boxDevice.id,
      privateKey: w.boxDevice.privateKey,
      now: () => world.now(),
    });
    servers.push({ name, workLead, box: new ActivationBox(uuidToBytes(w.boxDevice.id), gateway) });
  }
}, 180_000);

afterAll(async () => {
  await twin?.close();
  await w?.server.close();
});

/** Greta's assignment to Anna's team, if she has one now. */
async function readGretaAssignment(workLead: ApiClient): Promise<{ id: string; teamId: string } | undefined> {
  const response = await workLead.get(`/api/v1/team-customers?customerId=${w.customers.greta}`);
  expect(response.status).toBe(200);
  return (response.body.items as Array<{ id: string; teamId: string; customerId: string }>).find(
    (item) => item.customerId === w.customers.greta,
  );
}

/** Anna activates at `box` and tries Karl's and Greta's doors with the ticket she got. */
async function activateAndTry(box: ActivationBox): Promise<{ karl: boolean; greta: boolean }> {
  w.anna.key.deactivate();
  expect(await box.activate(w.anna.key, w.anna.pin)).toMatchObject({ isActivated: true, mode: 'online' });
  const karl = await w.anna.key.openLock(w.locks.karl.lock);
  const greta = await w.anna.key.openLock(w.locks.greta.lock);
  return { karl: karl.isOpen, greta: greta.isOpen };
}

describe('two servers on one database', () => {
  it('issue tickets from the latest permissions while changes through one and activations at the other interleave', async () => {
    // Both servers have built and cached the index before the first change.
    for (const server of servers)
      expect(await activateAndTry(server.box)).toEqual({ karl: true, greta: true });
    const assignment = (await readGretaAssignment(servers[0]!.workLead))!;
    let assignmentId = assignment.id;
    const rounds: string[] = [];
    for (let round = 0; round < 6; round++) {
      const writer = servers[round % 2]!;
      const activator = servers[(round + 1) % 2]!;
      const isGretaServed = round % 2 === 1;
      world.advance(60);
      if (isGretaServed) {
        assignmentId = await createRecord(writer.workLead, 'team-customers', {
          teamId: assignment.teamId,
          customerId: w.customers.greta,
          validFrom: '2026-01-01T00:00:00Z',
        });
      } else {
        expect((await writer.workLead.delete(`/api/v1/team-customers/${assignmentId}`)).status).toBe(204);
      }
      // The activating server has a cached index from before the change: it must see it is stale.
      expect(await activateAndTry(activator.box)).toEqual({ karl: true, greta: isGretaServed });
      // And the writing server agrees at once.
      expect(await activateAndTry(writer.box)).toEqual({ karl: true, greta: isGretaServed });
      rounds.push(
        `${writer.name} wrote, ${activator.name} issued: greta ${isGretaServed ? 'open' : 'refused'}`,
      );
    }
    expect(rounds).toHaveLength(6);
  });

  it('leaves a municipality’s cached index in place when another municipality changes its permissions', async () => {
    const otherMunicipality = await createMunicipality(w.server.db.pool, 'vd12', 'Grannkommun');
    const versionOf = async (municipalityId: string) =>
      (
        await w.server.db.pool.query<{ version: number }>(
          'SELECT version FROM municipality_permission_version WHERE municipality_id = $1',
          [municipalityId],
        )
      ).rows[0]!.version;
    const before = await versionOf(w.municipalityId);
    const otherAdmin = await new ApiClient(twin.url).login(
      await createUser(w.server.db.pool, otherMunicipality, 'municipality_admin'),
      testPassword,
    );
    await createRecord(otherAdmin, 'districts', { code: 'G', name: 'Grannby' });
    expect(await versionOf(otherMunicipality)).toBeGreaterThan(1);
    expect(await versionOf(w.municipalityId)).toBe(before);
  });
});
