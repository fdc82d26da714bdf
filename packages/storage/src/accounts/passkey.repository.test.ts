import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from './accounts.repository';
import {
  countPasskeys,
  deletePasskey,
  deletePasskeyEnrolment,
  deleteUserPasskeys,
  findPasskeyEnrolmentUser,
  findPasskeyOwnerId,
  findPasskeyWithUser,
  insertPasskey,
  insertPasskeyChallenge,
  insertPasskeyEnrolment,
  listPasskeys,
  recordPasskeyUse,
  takePasskeyChallenge,
} from './passkey.repository';
import { insertMunicipality } from '../registry/municipality.repository';
import { createTestDatabase, type TestDatabase } from '../platform/testing';

let testDb: TestDatabase;
let userId: string;
let otherUserId: string;
let municipalityId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  municipalityId = await insertMunicipality(testDb.pool, { code: '0183', name: 'Sundbyberg' });
  const user = (username: string) => ({
    municipalityId,
    username,
    displayName: username,
    passwordHash: 'scrypt$not-a-real-hash',
    role: 'lock_manager' as const,
  });
  userId = await insertUser(testDb.pool, user('las.ansvarig'));
  otherUserId = await insertUser(testDb.pool, user('annan.ansvarig'));
});
afterAll(async () => testDb.drop());

const passkey = (credentialId: string, owner = userId) => ({
  municipalityId,
  userId: owner,
  credentialId,
  publicKey: new Uint8Array([1, 2, 3]),
  signCount: 0,
  transports: ['internal'],
  name: `Nyckel ${credentialId}`,
  deviceType: 'singleDevice' as const,
  isBackedUp: false,
});

describe('passkey repository', () => {
  it('stores passkeys per account, finds them by credential id with their account, removes only the owner’s', async () => {
    const first = await insertPasskey(testDb.pool, passkey('AAAA'));
    await insertPasskey(testDb.pool, passkey('BBBB'));
    await insertPasskey(testDb.pool, passkey('CCCC', otherUserId));
    expect((await listPasskeys(testDb.pool, municipalityId, userId)).map((p) => p.name)).toEqual([
      'Nyckel AAAA',
      'Nyckel BBBB',
    ]);
    expect(await countPasskeys(testDb.pool, municipalityId, userId)).toBe(2);
    expect(await findPasskeyOwnerId(testDb.pool, 'CCCC')).toBe(otherUserId);
    const found = await findPasskeyWithUser(testDb.pool, 'AAAA');
    expect(found?.user).toMatchObject({ id: userId, username: 'las.ansvarig', role: 'lock_manager' });
    expect(found?.passkey).toMatchObject({ credentialId: 'AAAA', signCount: 0, transports: ['internal'] });
    // One credential is one account's only.
    await expect(insertPasskey(testDb.pool, passkey('AAAA', otherUserId))).rejects.toThrow();
    expect(await deletePasskey(testDb.pool, municipalityId, otherUserId, first.id)).toBeUndefined();
    expect((await deletePasskey(testDb.pool, municipalityId, userId, first.id))?.name).toBe('Nyckel AAAA');
    expect((await deleteUserPasskeys(testDb.pool, municipalityId, otherUserId)).map((p) => p.name)).toEqual([
      'Nyckel CCCC',
    ]);
    expect(await countPasskeys(testDb.pool, municipalityId, otherUserId)).toBe(0);
  });

  it('records a use only against the counter it was checked with', async () => {
    const stored = await findPasskeyWithUser(testDb.pool, 'BBBB');
    const use = { municipalityId, id: stored!.passkey.id, previousCount: 0, newCount: 5, isBackedUp: false };
    expect(await recordPasskeyUse(testDb.pool, use)).toBe(true);
    // A second answer checked against the same old counter lost the race.
    expect(await recordPasskeyUse(testDb.pool, { ...use, newCount: 6 })).toBe(false);
    expect((await findPasskeyWithUser(testDb.pool, 'BBBB'))?.passkey.signCount).toBe(5);
  });

  it('hands a challenge out once, for its purpose only, and never after it expired', async () => {
    const id = await insertPasskeyChallenge(testDb.pool, {
      challenge: 'challenge-1',
      purpose: 'register',
      userId,
      seconds: 300,
    });
    expect(await takePasskeyChallenge(testDb.pool, id, 'sign_in')).toBeUndefined();
    expect(await takePasskeyChallenge(testDb.pool, id, 'register')).toEqual({
      challenge: 'challenge-1',
      userId,
    });
    expect(await takePasskeyChallenge(testDb.pool, id, 'register')).toBeUndefined();
    const expired = await insertPasskeyChallenge(testDb.pool, {
      challenge: 'challenge-2',
      purpose: 'sign_in',
      userId: null,
      seconds: 0,
    });
    expect(await takePasskeyChallenge(testDb.pool, expired, 'sign_in')).toBeUndefined();
  });

  it('keeps one enrolment step per account, used once', async () => {
    const token = Buffer.alloc(32, 1);
    const newer = Buffer.alloc(32, 2);
    await insertPasskeyEnrolment(testDb.pool, { municipalityId, tokenHash: token, userId, seconds: 600 });
    expect((await findPasskeyEnrolmentUser(testDb.pool, token))?.username).toBe('las.ansvarig');
    await insertPasskeyEnrolment(testDb.pool, { municipalityId, tokenHash: newer, userId, seconds: 600 });
    expect(await findPasskeyEnrolmentUser(testDb.pool, token)).toBeUndefined();
    expect(await deletePasskeyEnrolment(testDb.pool, municipalityId, newer)).toBe(true);
    expect(await deletePasskeyEnrolment(testDb.pool, municipalityId, newer)).toBe(false);
  });
});
