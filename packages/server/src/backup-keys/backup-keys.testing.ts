// The backup-key tests' setting: a test server at a fixed instant, a world built through the API,
// a login per role (work lead and staff of provider A), provider B's work lead, a cabinet per
// provider (rows inserted directly: the cabinet API is another capability's), and a customer in
// another municipality.
import type { Role } from '@portvakt/core';
import { insertTestKeyCabinet } from '@portvakt/storage/testing';
import {
  ApiClient,
  createMunicipality,
  createUser,
  testPassword,
  type TestServer,
} from '../platform/testing';
import { loginEveryRole, startTestWorld, unique, type World } from '../platform/world.testing';

export interface BackupKeySetting {
  server: TestServer;
  municipalityId: string;
  world: World;
  clients: Record<Role, ApiClient>;
  admin: ApiClient;
  leadB: ApiClient;
  cabinet: { a: string; b: string };
  foreignCustomer: string;
}

export async function startBackupKeySetting(now: Date): Promise<BackupKeySetting> {
  const { server, municipalityId, admin, world } = await startTestWorld({ now: () => now });
  const pool = server.db.pool;
  const login = async (role: Role, links = {}) =>
    new ApiClient(server.url).login(await createUser(pool, municipalityId, role, links), testPassword);
  const clients = await loginEveryRole(server, municipalityId, world, admin);
  const leadB = await login('work_lead', { providerId: world.provider.b });
  const cabinet = {
    a: await insertTestKeyCabinet(pool, {
      municipalityId,
      providerId: world.provider.a,
      name: unique('Nyckelskåp A'),
      slotCount: 20,
    }),
    b: await insertTestKeyCabinet(pool, {
      municipalityId,
      providerId: world.provider.b,
      name: unique('Nyckelskåp B'),
      slotCount: 20,
    }),
  };
  const otherMunicipality = await createMunicipality(pool);
  const otherAdmin = await new ApiClient(server.url).login(
    await createUser(pool, otherMunicipality, 'municipality_admin'),
    testPassword,
  );
  const district = await otherAdmin.post<{ id: string }>('/api/v1/districts', {
    code: unique('D'),
    name: unique('Distrikt'),
  });
  const foreignCustomer = (
    await otherAdmin.post<{ id: string }>('/api/v1/customers', {
      districtId: district.body.id,
      givenName: 'Ulla',
      familyName: 'Ek',
    })
  ).body.id;
  return { server, municipalityId, world, clients, admin, leadB, cabinet, foreignCustomer };
}

/** Rows in a table, to show a refused request changed nothing. */
export async function countRows(setting: BackupKeySetting, table: string): Promise<number> {
  const { rows } = await setting.server.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0]!.n);
}
