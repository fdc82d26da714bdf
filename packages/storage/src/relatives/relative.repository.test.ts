// Relatives' invitations, the binding of a relative's account to its customer, and the read log
// on real PostgreSQL: the binding holds only through an unwithdrawn invitation of a relative
// account, scope keeps a provider to the customers it serves, and the read log is append-only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from '../accounts/accounts.repository';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { createRegistryWorld, type RegistryWorld } from '../registry/registry.testing';
import {
  findRelativeBinding,
  findRelativeCustomerInScope,
  findRelativeInvitationByTokenHash,
  insertRelativeInvitation,
  insertRelativeRead,
  listRelativeReads,
  markRelativeInvitationUsed,
  markRelativeInvitationWithdrawn,
} from './relative.repository';

let testDb: TestDatabase;
let world: RegistryWorld;
const at = new Date('2026-11-10T12:00:00Z');

const invite = (customerId: string, tokenByte: number) =>
  insertRelativeInvitation(testDb.pool, {
    municipalityId: world.municipalityId,
    customerId,
    relativeName: 'Lena Berg',
    email: 'lena@example.se',
    tokenHash: Buffer.alloc(32, tokenByte),
    providerId: null,
    invitedByUserId: null,
    invitedBy: 'Arbetsledaren',
    createdAt: at,
    expiresAt: new Date(at.getTime() + 14 * 86_400_000),
  });
const makeUser = (username: string, role: 'relative' | 'support') =>
  insertUser(testDb.pool, {
    municipalityId: world.municipalityId,
    username,
    displayName: 'Lena Berg',
    passwordHash: 'x',
    role,
  });

beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createRegistryWorld(testDb.pool);
});
afterAll(async () => testDb.drop());

describe('relatives', () => {
  it('binds a relative account to its customer while its invitation stands', async () => {
    const invitationId = await invite(world.gunId, 1);
    const userId = await makeUser('lena.berg', 'relative');
    expect(await findRelativeBinding(testDb.pool, world.municipalityId, userId)).toBeUndefined();
    await markRelativeInvitationUsed(testDb.pool, world.municipalityId, invitationId, userId, at);
    expect(await findRelativeBinding(testDb.pool, world.municipalityId, userId)).toMatchObject({
      customerId: world.gunId,
    });
    expect(await findRelativeBinding(testDb.pool, world.otherMunicipalityId, userId)).toBeUndefined();
    const found = await findRelativeInvitationByTokenHash(testDb.pool, Buffer.alloc(32, 1), false);
    expect(found).toMatchObject({ id: invitationId, username: 'lena.berg', customerGivenName: 'Gun' });
    // Invited by no user (an API token) for no provider: the relative is told neither label.
    expect(found).toMatchObject({ personName: null, providerName: null, invitedBy: 'Arbetsledaren' });
    await markRelativeInvitationWithdrawn(
      testDb.pool,
      world.municipalityId,
      invitationId,
      'Arbetsledaren',
      at,
    );
    expect(await findRelativeBinding(testDb.pool, world.municipalityId, userId)).toBeUndefined();
  });

  it('binds no account of another role, even through a used invitation', async () => {
    const invitationId = await invite(world.gunId, 2);
    const userId = await makeUser('not.a.relative', 'support');
    await markRelativeInvitationUsed(testDb.pool, world.municipalityId, invitationId, userId, at);
    expect(await findRelativeBinding(testDb.pool, world.municipalityId, userId)).toBeUndefined();
  });

  it('keeps a provider to the customers it serves', async () => {
    const north = {
      kind: 'provider' as const,
      municipalityId: world.municipalityId,
      providerId: world.northId,
    };
    expect(await findRelativeCustomerInScope(testDb.pool, north, world.gunId)).toMatchObject({
      id: world.gunId,
    });
    expect(await findRelativeCustomerInScope(testDb.pool, north, world.bertilId)).toBeUndefined();
    const municipality = { kind: 'municipality' as const, municipalityId: world.municipalityId };
    expect(await findRelativeCustomerInScope(testDb.pool, municipality, world.bertilId)).toBeDefined();
  });

  it('keeps every read, and the app cannot rewrite them', async () => {
    const userId = await makeUser('reader', 'relative');
    await insertRelativeRead(testDb.pool, {
      municipalityId: world.municipalityId,
      customerId: world.gunId,
      userId,
      userLabel: 'reader',
      format: 'pdf',
      firstDay: '2026-11-01',
      lastDay: '2026-11-30',
      rowCount: 4,
      readAt: at,
      requestId: 'req-1',
    });
    expect(await listRelativeReads(testDb.pool, world.municipalityId, world.gunId, 10)).toEqual([
      expect.objectContaining({ username: 'reader', format: 'pdf', firstDay: '2026-11-01', rowCount: 4 }),
    ]);
    await expect(testDb.pool.query('UPDATE relative_read_log SET row_count = 0')).rejects.toThrow(
      /permission denied/,
    );
  });
});
