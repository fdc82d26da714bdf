import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clearThrottle,
  deleteSession,
  deleteUserSessions,
  findSession,
  findToken,
  findUser,
  findUserByUsername,
  insertSession,
  insertToken,
  insertUser,
  listTokens,
  listUsers,
  returnThrottleAttempt,
  revokeToken,
  takeThrottleAttempt,
  updateUser,
  useToken,
} from './accounts.repository';
import { insertMunicipality } from '../registry/municipality.repository';
import { createTestDatabase, type TestDatabase } from '../platform/testing';

let testDb: TestDatabase;
let municipalityId: string;
let otherMunicipalityId: string;
let creatorId: string;
beforeAll(async () => {
  testDb = await createTestDatabase();
  municipalityId = await insertMunicipality(testDb.pool, { code: '0181', name: 'Södertälje' });
  otherMunicipalityId = await insertMunicipality(testDb.pool, { code: '0182', name: 'Nacka' });
  creatorId = await insertUser(testDb.pool, newUser('admin.skapare'));
});
afterAll(async () => testDb.drop());

const newUser = (username: string, inMunicipality = municipalityId) => ({
  municipalityId: inMunicipality,
  username,
  displayName: `Namn ${username}`,
  passwordHash: 'scrypt$not-a-real-hash',
  role: 'auditor' as const,
});

const newToken = (name: string, hash: string, expiresAt: string | null = null) => ({
  municipalityId,
  name,
  tokenHash: Buffer.from(hash.padEnd(32, '.')),
  tokenPrefix: hash.slice(0, 8),
  role: 'auditor' as const,
  providerId: null,
  isReadOnly: true,
  createdBy: creatorId,
  expiresAt,
});

describe('user accounts', () => {
  it('stores usernames in lower case, finds them case-insensitively, never lists password hashes', async () => {
    const id = await insertUser(testDb.pool, newUser('Greta.Granskare'));
    expect((await findUserByUsername(testDb.pool, 'GRETA.granskare'))?.id).toBe(id);
    const listed = await listUsers(testDb.pool, municipalityId, { role: 'auditor' });
    expect(listed.map((user) => user.username)).toContain('greta.granskare');
    expect(listed[0]).not.toHaveProperty('passwordHash');
    expect(await listUsers(testDb.pool, municipalityId, { role: 'staff' })).toEqual([]);
  });

  it('finds a user only in its own municipality', async () => {
    const id = await insertUser(testDb.pool, newUser('nacka.user', otherMunicipalityId));
    expect(await findUser(testDb.pool, municipalityId, id)).toBeUndefined();
    expect((await findUser(testDb.pool, otherMunicipalityId, id))?.username).toBe('nacka.user');
    expect((await listUsers(testDb.pool, municipalityId, {})).map((user) => user.id)).not.toContain(id);
  });

  it('changes only the fields given', async () => {
    const id = await insertUser(testDb.pool, newUser('bo.byte'));
    await updateUser(testDb.pool, otherMunicipalityId, id, { displayName: 'Fel kommun' });
    await updateUser(testDb.pool, municipalityId, id, { isDisabled: true });
    const changed = (await findUserByUsername(testDb.pool, 'bo.byte'))!;
    expect(changed).toMatchObject({ displayName: 'Namn bo.byte', isDisabled: true });
    expect(changed.passwordHash).toBe('scrypt$not-a-real-hash');
  });
});

describe('sessions', () => {
  it('finds a session with its user, and ends it alone or with all of the user’s', async () => {
    const userId = await insertUser(testDb.pool, newUser('sara.session'));
    const expiresAt = new Date(Date.now() + 3_600_000);
    const session = (n: number) => ({
      municipalityId,
      idHash: Buffer.alloc(32, n),
      userId,
      csrfTokenHash: Buffer.alloc(32, 100 + n),
      expiresAt,
    });
    await insertSession(testDb.pool, session(1));
    await insertSession(testDb.pool, session(2));
    await insertSession(testDb.pool, session(3));
    expect((await findSession(testDb.pool, Buffer.alloc(32, 1)))?.user.username).toBe('sara.session');
    await deleteSession(testDb.pool, { municipalityId, idHash: Buffer.alloc(32, 1) });
    expect(await findSession(testDb.pool, Buffer.alloc(32, 1))).toBeUndefined();
    expect(await findSession(testDb.pool, Buffer.alloc(32, 2))).toBeDefined();
    await deleteUserSessions(testDb.pool, otherMunicipalityId, userId);
    expect(await findSession(testDb.pool, Buffer.alloc(32, 3))).toBeDefined();
    await deleteUserSessions(testDb.pool, municipalityId, userId);
    expect(await findSession(testDb.pool, Buffer.alloc(32, 3))).toBeUndefined();
  });
});

describe('API tokens', () => {
  it('uses a live token by its hash, and refuses it once revoked; revoking again keeps the first time', async () => {
    const token = await insertToken(testDb.pool, newToken('Omsorgssystem', 'live-token'));
    expect((await useToken(testDb.pool, Buffer.from('live-token'.padEnd(32, '.'))))?.id).toBe(token.id);
    expect((await findToken(testDb.pool, municipalityId, token.id))?.lastUsedAt).not.toBeNull();
    await revokeToken(testDb.pool, otherMunicipalityId, token.id);
    expect((await findToken(testDb.pool, municipalityId, token.id))?.revokedAt).toBeNull();
    await revokeToken(testDb.pool, municipalityId, token.id);
    const revokedAt = (await findToken(testDb.pool, municipalityId, token.id))!.revokedAt;
    expect(revokedAt).not.toBeNull();
    await revokeToken(testDb.pool, municipalityId, token.id);
    expect((await findToken(testDb.pool, municipalityId, token.id))!.revokedAt).toBe(revokedAt);
    expect(await useToken(testDb.pool, Buffer.from('live-token'.padEnd(32, '.')))).toBeUndefined();
  });

  it('refuses an expired token, and shows tokens only to their own municipality', async () => {
    const { rows } = await testDb.pool.query<{ past: Date }>(`SELECT now() - interval '1 minute' AS past`);
    const expired = await insertToken(
      testDb.pool,
      newToken('Gammal', 'old-token', rows[0]!.past.toISOString()),
    );
    expect(await useToken(testDb.pool, Buffer.from('old-token'.padEnd(32, '.')))).toBeUndefined();
    expect((await listTokens(testDb.pool, municipalityId)).map((token) => token.id)).toContain(expired.id);
    expect(await listTokens(testDb.pool, otherMunicipalityId)).toEqual([]);
    expect(await findToken(testDb.pool, otherMunicipalityId, expired.id)).toBeUndefined();
  });
});

describe('login throttle', () => {
  const limits = { windowSeconds: 900, maxAttempts: 3, lockSeconds: 900 };

  it('locks a key past its attempts; a returned attempt gives room back, clearing forgets all', async () => {
    for (let i = 0; i < 3; i++)
      expect((await takeThrottleAttempt(testDb.pool, 'k1', limits)).isAllowed).toBe(true);
    const locked = await takeThrottleAttempt(testDb.pool, 'k1', limits);
    expect(locked.isAllowed).toBe(false);
    expect(locked.lockedUntil).toBeInstanceOf(Date);
    await clearThrottle(testDb.pool, 'k1');
    expect((await takeThrottleAttempt(testDb.pool, 'k1', limits)).isAllowed).toBe(true);

    for (let i = 0; i < 3; i++) await takeThrottleAttempt(testDb.pool, 'k2', limits);
    await returnThrottleAttempt(testDb.pool, 'k2');
    expect((await takeThrottleAttempt(testDb.pool, 'k2', limits)).isAllowed).toBe(true);
    expect((await takeThrottleAttempt(testDb.pool, 'k2', limits)).isAllowed).toBe(false);
  });
});
