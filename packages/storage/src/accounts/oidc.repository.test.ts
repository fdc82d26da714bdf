// The OpenID Connect tables on real PostgreSQL: a sign-in under way is taken once and not after it
// expired; a pre-set value binds a subject once; the configuration keeps its secret when none is given.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from './accounts.repository';
import {
  completeOidcLink,
  deleteOidcLink,
  findEnabledOidcConfigByCode,
  findOidcConfig,
  findOidcLink,
  findUserByOidcClaim,
  findUserByOidcSubject,
  insertOidcLoginState,
  listOidcMunicipalities,
  takeOidcLoginState,
  upsertOidcConfig,
  upsertOidcLink,
} from './oidc.repository';
import { insertMunicipality } from '../registry/municipality.repository';
import { createTestDatabase, type TestDatabase } from '../platform/testing';

let testDb: TestDatabase;
let municipalityId: string;
let otherMunicipalityId: string;
let userId: string;
const issuerUrl = 'https://idp.kommun.example';

beforeAll(async () => {
  testDb = await createTestDatabase();
  municipalityId = await insertMunicipality(testDb.pool, { code: '0183', name: 'Sundbyberg' });
  otherMunicipalityId = await insertMunicipality(testDb.pool, { code: '0184', name: 'Solna' });
  userId = await insertUser(testDb.pool, {
    municipalityId,
    username: 'oidc.anna',
    displayName: 'Anna',
    passwordHash: 'scrypt$not-a-real-hash',
    role: 'support',
  });
});
afterAll(async () => testDb.drop());

describe('oidc_config', () => {
  it('stores a configuration, keeps the sealed secret when none is given, and lists only enabled ones', async () => {
    const base = { municipalityId, issuerUrl, clientId: 'portvakt', matchClaim: 'email', isEnabled: true };
    await upsertOidcConfig(testDb.pool, { ...base, clientSecretSealed: Buffer.from('sealed-1') });
    await upsertOidcConfig(testDb.pool, { ...base, clientId: 'portvakt-2', clientSecretSealed: null });
    const stored = await findOidcConfig(testDb.pool, municipalityId);
    expect(stored).toMatchObject({ clientId: 'portvakt-2', matchClaim: 'email', isEnabled: true });
    expect(stored!.clientSecretSealed.toString()).toBe('sealed-1');
    expect((await findEnabledOidcConfigByCode(testDb.pool, '0183'))?.municipalityId).toBe(municipalityId);
    expect(await listOidcMunicipalities(testDb.pool)).toEqual([{ code: '0183', name: 'Sundbyberg' }]);
    await upsertOidcConfig(testDb.pool, { ...base, isEnabled: false, clientSecretSealed: null });
    expect(await findEnabledOidcConfigByCode(testDb.pool, '0183')).toBeUndefined();
    expect(await listOidcMunicipalities(testDb.pool)).toEqual([]);
  });
});

describe('oidc_link', () => {
  it('finds the account by its pre-set value until a sign-in binds the subject, then by the subject only', async () => {
    const hash = Buffer.from('hash-of-anna');
    await upsertOidcLink(testDb.pool, { municipalityId, userId, claimValueHash: hash });
    expect((await findUserByOidcClaim(testDb.pool, municipalityId, hash))?.id).toBe(userId);
    expect(await findUserByOidcClaim(testDb.pool, otherMunicipalityId, hash)).toBeUndefined();
    await completeOidcLink(testDb.pool, { municipalityId, userId, issuerUrl, subject: 'sub-1' });
    expect((await findUserByOidcSubject(testDb.pool, municipalityId, issuerUrl, 'sub-1'))?.id).toBe(userId);
    // Bound: the value no longer signs anyone in (another subject with Anna's e-mail is not Anna).
    expect(await findUserByOidcClaim(testDb.pool, municipalityId, hash)).toBeUndefined();
    await completeOidcLink(testDb.pool, { municipalityId, userId, issuerUrl, subject: 'sub-2' });
    expect((await findOidcLink(testDb.pool, municipalityId, userId))?.subject).toBe('sub-1');
    // A new value unbinds.
    await upsertOidcLink(testDb.pool, { municipalityId, userId, claimValueHash: Buffer.from('new') });
    expect(await findUserByOidcSubject(testDb.pool, municipalityId, issuerUrl, 'sub-1')).toBeUndefined();
    expect(await deleteOidcLink(testDb.pool, otherMunicipalityId, userId)).toBe(false);
    expect(await deleteOidcLink(testDb.pool, municipalityId, userId)).toBe(true);
  });

  it("refuses another account's value (unique per municipality)", async () => {
    const other = await insertUser(testDb.pool, {
      municipalityId,
      username: 'oidc.bertil',
      displayName: 'Bertil',
      passwordHash: 'scrypt$not-a-real-hash',
      role: 'support',
    });
    const hash = Buffer.from('shared');
    await upsertOidcLink(testDb.pool, { municipalityId, userId, claimValueHash: hash });
    await expect(
      upsertOidcLink(testDb.pool, { municipalityId, userId: other, claimValueHash: hash }),
    ).rejects.toMatchObject({
      code: '23505',
    });
  });
});

describe('oidc_login_state', () => {
  const state = { municipalityId: '', nonce: 'n', codeVerifier: 'v' };

  it('is taken once', async () => {
    const stateHash = Buffer.from('state-1');
    await insertOidcLoginState(testDb.pool, { ...state, municipalityId, stateHash, lifetimeSeconds: 600 });
    expect(await takeOidcLoginState(testDb.pool, stateHash)).toEqual({
      municipalityId,
      nonce: 'n',
      codeVerifier: 'v',
    });
    expect(await takeOidcLoginState(testDb.pool, stateHash)).toBeUndefined();
  });

  it('is not answered once expired (and is removed all the same)', async () => {
    const stateHash = Buffer.from('state-2');
    await insertOidcLoginState(testDb.pool, { ...state, municipalityId, stateHash, lifetimeSeconds: 600 });
    await testDb.pool.query(
      "UPDATE oidc_login_state SET expires_at = now() - interval '1 second' WHERE state_hash = $1",
      [stateHash],
    );
    expect(await takeOidcLoginState(testDb.pool, stateHash)).toBeUndefined();
    const { rowCount } = await testDb.pool.query('SELECT 1 FROM oidc_login_state WHERE state_hash = $1', [
      stateHash,
    ]);
    expect(rowCount).toBe(0);
  });
});
