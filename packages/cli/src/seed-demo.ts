import { hashPassword, verifyPassword } from '@portvakt/server';
import {
  appendAudit,
  countMunicipalityRows,
  deleteUserSessions,
  findMunicipalityIdByCode,
  findUserByUsername,
  insertMunicipalityIfAbsent,
  insertRows,
  updateUser,
} from '@portvakt/storage';
import type pg from 'pg';
import { buildDemoWorld, demoMunicipality, demoPassword, type DemoLogin } from './seed-demo-data';

export { demoMunicipality, demoPassword } from './seed-demo-data';

export interface SeedDemoOptions {
  /** Called before each step and once more when everything is done (done === total). */
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface SeedDemoResult {
  /** False when the demo municipality was already there and nothing was added. */
  isNew: boolean;
  municipalityId: string;
  logins: Array<{ role: string; username: string; password: string; note: string }>;
  counts: Record<string, number>;
}

const actorLabel = 'seed-demo';

/**
 * Creates the demo municipality "Portvik kommun" with its districts, properties, doors, customers,
 * providers, staff, locks, keys and one login per role, all in one transaction. When it already
 * exists nothing is added; only the demo logins are put back to the documented password.
 */
export async function seedDemo(pool: pg.Pool, options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const world = buildDemoWorld();
  const logins = world.logins.map(({ role, username, note }) => ({
    role,
    username,
    password: demoPassword,
    note,
  }));
  const existingId = await findMunicipalityIdByCode(pool, demoMunicipality.code);
  if (existingId) return reuseExisting(pool, existingId, world.logins, logins, options);

  const total = world.tables.length + 3;
  let done = 0;
  const step = (label: string) => options.onProgress?.(done++, total, label);

  step('hashing demo passwords');
  // scrypt runs on libuv's thread pool, so hashing the logins together takes a fraction of the time.
  const hashes = await Promise.all(world.logins.map(() => hashPassword(demoPassword)));

  const client = await pool.connect();
  let municipalityId: string | undefined;
  try {
    await client.query('BEGIN');
    step('municipality');
    municipalityId = await insertMunicipalityIfAbsent(client, world.municipality);
    if (municipalityId) {
      for (const { table, label, rows } of world.tables) {
        step(label);
        await insertRows(client, table, rows);
      }
      step('logins and audit trail');
      await insertRows(
        client,
        'user_account',
        world.logins.map((login, i) => ({
          municipality_id: municipalityId,
          username: login.username,
          display_name: login.displayName,
          password_hash: hashes[i],
          role: login.role,
          provider_id: login.providerId,
          staff_member_id: login.staffMemberId,
          property_owner_id: login.propertyOwnerId,
        })),
      );
      const counts = await countMunicipalityRows(client, municipalityId);
      await appendAudit(client, {
        municipalityId,
        actorLabel,
        action: 'seed',
        entity: 'municipality',
        entityId: municipalityId,
        after: { code: demoMunicipality.code, name: demoMunicipality.name, counts },
        source: 'cli',
      });
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  if (!municipalityId) {
    // Another seed-demo run created it between our check and our insert: treat it as existing.
    const id = await findMunicipalityIdByCode(pool, demoMunicipality.code);
    if (!id) throw new Error('The demo municipality vanished while seeding; run seed-demo again.');
    return reuseExisting(pool, id, world.logins, logins, options);
  }
  options.onProgress?.(total, total, 'done');
  return { isNew: true, municipalityId, logins, counts: await countMunicipalityRows(pool, municipalityId) };
}

/**
 * The demo is already there. Someone may have changed or disabled a demo login while trying the
 * system; put those back so the printed table is true, and record that in the audit trail.
 */
async function reuseExisting(
  pool: pg.Pool,
  municipalityId: string,
  demoLogins: DemoLogin[],
  logins: SeedDemoResult['logins'],
  options: SeedDemoOptions,
): Promise<SeedDemoResult> {
  options.onProgress?.(0, 1, 'checking demo logins');
  const users = await Promise.all(demoLogins.map((login) => findUserByUsername(pool, login.username)));
  const stale = await Promise.all(
    users.map(async (user) =>
      user &&
      user.municipalityId === municipalityId &&
      (user.isDisabled || !(await verifyPassword(demoPassword, user.passwordHash)))
        ? user
        : undefined,
    ),
  );
  const toReset = stale.filter((user) => user !== undefined);
  if (toReset.length > 0) {
    const hashes = await Promise.all(toReset.map(() => hashPassword(demoPassword)));
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      for (const [i, user] of toReset.entries()) {
        await updateUser(client, user.id, { passwordHash: hashes[i], isDisabled: false });
        await deleteUserSessions(client, user.id);
        await appendAudit(client, {
          municipalityId,
          actorLabel,
          action: 'reset_password',
          entity: 'user_account',
          entityId: user.id,
          after: { username: user.username, isDisabled: false },
          source: 'cli',
        });
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  options.onProgress?.(1, 1, 'done');
  return { isNew: false, municipalityId, logins, counts: await countMunicipalityRows(pool, municipalityId) };
}
