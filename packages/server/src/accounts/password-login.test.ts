// The shared password check: an unknown account costs a real hash verification (against the
// dummy hash), so answer times cannot tell which accounts exist. Checked by what is verified,
// not by wall-clock timing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@portvakt/storage/testing';
import { checkPasswordLogin, type PasswordVerifier } from './password-login';
import { dummyPasswordHash, verifyPassword } from './passwords';
import { createMunicipality, createUser, testPassword } from '../platform/testing';

let db: TestDatabase;
let municipalityId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  municipalityId = await createMunicipality(db.pool);
});
afterAll(async () => db?.drop());

/** The real verifier, recording which stored hash each call was checked against. */
function recordingVerifier(): { verify: PasswordVerifier; hashes: string[] } {
  const hashes: string[] = [];
  return {
    hashes,
    verify: async (password, storedHash) => {
      hashes.push(storedHash);
      return verifyPassword(password, storedHash);
    },
  };
}

const attempt = (username: string, password: string) => ({
  username,
  password,
  address: `test-${username}`,
  requestId: crypto.randomUUID(),
  channel: 'phone' as const,
});

describe('checkPasswordLogin', () => {
  it('verifies an unknown account against the dummy hash, exactly once, and refuses it', async () => {
    const { verify, hashes } = recordingVerifier();
    const result = await checkPasswordLogin(db.pool, attempt('no-such-user', testPassword), verify);
    expect(result).toEqual({ kind: 'refused' });
    expect(hashes).toEqual([await dummyPasswordHash]);
    expect((await dummyPasswordHash).startsWith('scrypt$')).toBe(true);
  });

  it('verifies a known account against its own hash; a disabled one is refused after the same work', async () => {
    const username = await createUser(db.pool, municipalityId, 'auditor');
    const { rows } = await db.pool.query<{ hash: string }>(
      'SELECT password_hash AS hash FROM user_account WHERE username = $1',
      [username],
    );
    const known = recordingVerifier();
    expect(await checkPasswordLogin(db.pool, attempt(username, testPassword), known.verify)).toMatchObject({
      kind: 'accepted',
    });
    expect(known.hashes).toEqual([rows[0]!.hash]);

    await db.pool.query('UPDATE user_account SET is_disabled = true WHERE username = $1', [username]);
    const disabled = recordingVerifier();
    expect(await checkPasswordLogin(db.pool, attempt(username, testPassword), disabled.verify)).toEqual({
      kind: 'refused',
    });
    expect(disabled.hashes).toHaveLength(1);
  });

  it('refuses a right password when the caller’s condition fails, and audits it as a failure', async () => {
    const username = await createUser(db.pool, municipalityId, 'support');
    const result = await checkPasswordLogin(db.pool, {
      ...attempt(username, testPassword),
      isAcceptable: (user) => user.role === 'staff',
    });
    expect(result).toEqual({ kind: 'refused' });
    const { rows } = await db.pool.query(
      "SELECT after FROM audit_entry WHERE action = 'login_failed' AND actor_label = $1",
      [username],
    );
    expect(rows).toEqual([{ after: { channel: 'phone' } }]);
  });
});
