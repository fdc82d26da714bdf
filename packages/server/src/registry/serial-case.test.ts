// A serial is the same serial whatever its case (migration 0061, storage findSameSerial): a key
// `pv-ph-test04` beside `PV-PH-TEST04`, or a lock likewise, is refused 409 `already_exists` on
// `serial`, naming the serial already there, and nothing changes. Keys' serials are unique per
// municipality, locks' across all (an installer's scanned serial finds its lock anywhere).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countEveryTable } from '@portvakt/storage/testing';
import {
  addMunicipality,
  startTestWorld,
  type TestMunicipality,
  type TestWorld,
} from '../platform/world.testing';

const now = new Date('2026-03-10T09:00:00Z');
let tw: TestWorld;
let other: TestMunicipality;

beforeAll(async () => {
  tw = await startTestWorld({ now: () => now });
  other = await addMunicipality(tw.server);
}, 120_000);

afterAll(async () => tw?.server.close());

const key = (serial: string, providerId = tw.world.provider.a) => ({ providerId, kind: 'phone', serial });
const lock = (serial: string) => ({ lockType: 'cylinder_ring', serial });

describe('serials regardless of case', () => {
  it('a key or lock whose serial differs only in case from one there is refused, naming it', async () => {
    expect((await tw.admin.post('/api/v1/keys', key('PV-PH-TEST04'))).status).toBe(201);
    expect((await tw.admin.post('/api/v1/locks', lock('PV-CR-TEST04'))).status).toBe(201);
    const before = await countEveryTable(tw.server.db.pool);
    for (const [path, body, taken] of [
      ['/api/v1/keys', key('pv-ph-test04'), 'PV-PH-TEST04'],
      ['/api/v1/keys', key('PV-PH-TEST04', tw.world.provider.b), 'PV-PH-TEST04'],
      ['/api/v1/locks', lock('Pv-Cr-Test04'), 'PV-CR-TEST04'],
    ] as const) {
      const refused = await tw.admin.post(path, body);
      expect([refused.status, refused.body.code]).toEqual([409, 'already_exists']);
      expect(refused.body.details).toEqual({ field: 'serial' });
      expect(refused.body.message).toContain(taken);
    }
    expect(await countEveryTable(tw.server.db.pool)).toEqual(before);
  });

  it('a change to another row’s serial is refused; a row may change its own serial’s case', async () => {
    const second = await tw.admin.post('/api/v1/keys', key('PV-PH-TEST05'));
    const refused = await tw.admin.patch(`/api/v1/keys/${second.body.id}`, { serial: 'pv-ph-test04' });
    expect([refused.status, refused.body.code, refused.body.details]).toEqual([
      409,
      'already_exists',
      { field: 'serial' },
    ]);
    const recased = await tw.admin.patch(`/api/v1/keys/${second.body.id}`, { serial: 'pv-ph-test05' });
    expect([recased.status, recased.body.serial]).toEqual([200, 'pv-ph-test05']);
  });

  it('another municipality may have the key serial, but no lock serial in any case', async () => {
    const provider = await other.admin.post('/api/v1/providers', {
      name: 'Hemtjänst Annan',
      ownership: 'municipal',
      kinds: ['day_home_care'],
    });
    expect(provider.status).toBe(201);
    expect((await other.admin.post('/api/v1/keys', key('pv-ph-test04', provider.body.id))).status).toBe(201);
    const refused = await other.admin.post('/api/v1/locks', lock('pv-cr-test04'));
    expect([refused.status, refused.body.code, refused.body.details]).toEqual([
      409,
      'already_exists',
      { field: 'serial' },
    ]);
  });
});
