import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '@portvakt/core';
import { blockDigitalKey, hashPassword, verifyPassword } from '@portvakt/server';
import {
  addToBlockList,
  appendAudit,
  countMunicipalityRows,
  deleteUserSessions,
  findMunicipalityIdByCode,
  findUserByUsername,
  insertMunicipalityIfAbsent,
  insertRows,
  listWithdrawnKeysOffBlockList,
  updateUser,
  withTransaction,
  lockMunicipality,
  hasTeamAssignments,
  listUsersByUsername,
  readIdsByNaturalKey,
  fillEmptyServiceWindows,
} from '@portvakt/storage';
import type pg from 'pg';
import {
  buildDemoWorld,
  demoMunicipality,
  demoPassword,
  type DemoLogin,
  type DemoWorld,
  type Row,
} from './seed-demo-data';
import { seedDemoEvents } from './seed-demo-events';
import { seedDemoSupport } from './seed-demo-support';

export { demoMunicipality, demoPassword } from './seed-demo-data';

export interface SeedDemoOptions {
  /** Called before each step and once more when everything is done (done === total). */
  onProgress?: (done: number, total: number, label: string) => void;
  /** The present for the demo (default: the real clock); tests pass a fixed instant. */
  now?: Date;
  /** The server's master key, which the demo keys' PIN verifiers are bound to. */
  masterKey?: Buffer;
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
  const now = options.now ?? new Date();
  const world = buildDemoWorld(now);
  const eventOptions = {
    now: Math.floor(now.getTime() / 1000),
    ...(options.masterKey ? { masterKey: options.masterKey } : {}),
  };
  const logins = world.logins.map(({ role, username, note }) => ({
    role,
    username,
    password: demoPassword,
    note,
  }));
  const existingId = await findMunicipalityIdByCode(pool, demoMunicipality.code);
  if (existingId) {
    await backfillPermissionFacts(pool, existingId, world);
    await backfillBlockList(pool, existingId);
    await seedDemoEvents(pool, existingId, demoMunicipality.code, eventOptions);
    await seedDemoSupport(pool, existingId, now);
    return reuseExisting(pool, existingId, world.logins, logins, options);
  }

  const total = world.tables.length + 4;
  let done = 0;
  const step = (label: string) => options.onProgress?.(done++, total, label);

  step('hashing demo passwords');
  // scrypt runs on libuv's thread pool, so hashing the logins together takes a fraction of the time.
  const hashes = await Promise.all(world.logins.map(() => hashPassword(demoPassword)));

  const municipalityId = await withTransaction(pool, async (client) => {
    step('municipality');
    const id = await insertMunicipalityIfAbsent(client, world.municipality);
    if (id) {
      for (const { table, label, rows } of world.tables) {
        step(label);
        await insertRows(client, table, rows);
      }
      step('logins and audit trail');
      await insertRows(
        client,
        'user_account',
        world.logins.map((login, i) => ({
          municipality_id: id,
          username: login.username,
          display_name: login.displayName,
          password_hash: hashes[i],
          role: login.role,
          provider_id: login.providerId,
          staff_member_id: login.staffMemberId,
          property_owner_id: login.propertyOwnerId,
        })),
      );
      await bindDemoRelatives(client, id, world, now);
      await withdrawDemoKeys(client, id, world);
      const counts = await countMunicipalityRows(client, id);
      await appendAudit(client, {
        municipalityId: id,
        actorLabel,
        action: 'seed',
        entity: 'municipality',
        entityId: id,
        after: { code: demoMunicipality.code, name: demoMunicipality.name, counts },
        source: 'cli',
      });
    }
    return id;
  });
  if (!municipalityId) {
    // Another seed-demo run created it between our check and our insert: treat it as existing.
    const id = await findMunicipalityIdByCode(pool, demoMunicipality.code);
    if (!id) throw new Error('The demo municipality vanished while seeding; run seed-demo again.');
    await backfillPermissionFacts(pool, id, world);
    await seedDemoEvents(pool, id, demoMunicipality.code, eventOptions);
    await seedDemoSupport(pool, id, now);
    return reuseExisting(pool, id, world.logins, logins, options);
  }
  // A week of openings and refusals through the simulated devices, so the event views have data.
  await seedDemoEvents(pool, municipalityId, demoMunicipality.code, eventOptions);
  // Support cases, emergencies, key cabinets, backup keys and deviation plans (issue #13).
  step('support, emergencies and backup keys');
  await seedDemoSupport(pool, municipalityId, now);
  options.onProgress?.(total, total, 'done');
  return { isNew: true, municipalityId, logins, counts: await countMunicipalityRows(pool, municipalityId) };
}

/**
 * Binds each demo relative to its customer as a used invitation does (docs/relatives.md). The
 * invitation's token is random and thrown away: no link to it works, the login is the way in.
 */
async function bindDemoRelatives(client: pg.PoolClient, municipalityId: string, world: DemoWorld, now: Date) {
  const relatives = world.logins.filter((login) => login.role === 'relative');
  const users = await listUsersByUsername(
    client,
    municipalityId,
    relatives.map((login) => login.username),
  );
  await insertRows(
    client,
    'relative_invitation',
    relatives.map((login) => ({
      municipality_id: municipalityId,
      customer_id: login.customerId,
      relative_name: login.displayName,
      email: `${login.username}@example.invalid`,
      token_hash: createHash('sha256').update(randomBytes(32)).digest(),
      provider_id: null,
      invited_by: actorLabel,
      created_at: now,
      expires_at: new Date(now.getTime() + 7 * 86_400_000),
      used_at: now,
      user_id: users.find((user) => user.username === login.username)!.id,
    })),
  );
}

/**
 * Blocks the demo's blocked and lost keys the way a work lead does in the console (status change,
 * block list, audit trail), acting as the key's provider's demo work lead, else the demo admin.
 */
async function withdrawDemoKeys(client: pg.PoolClient, municipalityId: string, world: DemoWorld) {
  const rows = await listUsersByUsername(
    client,
    municipalityId,
    world.logins.map((login) => login.username),
  );
  const actorOf = (providerId: string): Actor => {
    const user =
      rows.find((row) => row.role === 'work_lead' && row.providerId === providerId) ??
      rows.find((row) => row.role === 'municipality_admin')!;
    return {
      kind: 'user',
      id: user.id,
      label: user.username,
      role: user.role,
      municipalityId,
      providerId: user.providerId,
      isReadOnly: false,
    };
  };
  for (const key of world.withdrawnKeys)
    await blockDigitalKey(client, actorOf(key.providerId), key.id, {
      status: key.status,
      statusReason: key.statusReason,
    });
}

/**
 * Demos seeded before the blocking use case was used set the blocked and lost keys' status
 * directly, so they are missing from the block list: put them there once, audited.
 */
async function backfillBlockList(pool: pg.Pool, municipalityId: string): Promise<void> {
  await withTransaction(pool, async (client) => {
    await lockMunicipality(client, municipalityId);
    for (const key of await listWithdrawnKeysOffBlockList(client, municipalityId)) {
      const reason = key.statusReason ?? key.status;
      await addToBlockList(client, { municipalityId, digitalKeyId: key.id, reason, blockedBy: actorLabel });
      await appendAudit(client, {
        municipalityId,
        actorLabel,
        action: 'block',
        entity: 'digital_key',
        entityId: key.id,
        after: { status: key.status, statusReason: key.statusReason, backfilled: 'block list' },
        source: 'cli',
      });
    }
  });
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
    await withTransaction(pool, async (client) => {
      for (const [i, user] of toReset.entries()) {
        await updateUser(client, user.municipalityId, user.id, {
          passwordHash: hashes[i],
          isDisabled: false,
        });
        await deleteUserSessions(client, user.municipalityId, user.id);
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
    });
  }
  options.onProgress?.(1, 1, 'done');
  return { isNew: false, municipalityId, logins, counts: await countMunicipalityRows(pool, municipalityId) };
}

/** The permission facts the demo carries since they exist (R3); older demos lack them. */
const permissionTables = ['team_customer', 'area_rule', 'shared_door_grant', 'access_grant'] as const;

/**
 * A demo seeded before the permission facts existed has no team assignments, so nobody can open
 * anything. When the demo municipality has none, this adds them (and the night patrol's hours)
 * from a freshly built world, matching its rows to the stored ones by their natural keys (names,
 * codes, employee numbers, property and apartment); anything that cannot be matched is left out.
 * Does nothing when any assignment exists, so running seed-demo again stays a no-op.
 */
async function backfillPermissionFacts(
  pool: pg.Pool,
  municipalityId: string,
  world: DemoWorld,
): Promise<void> {
  await withTransaction(pool, async (client) => {
    // One backfill at a time; a second concurrent run sees the rows once the first commits.
    await lockMunicipality(client, municipalityId);
    // Already backfilled (or seeded with the facts): the transaction ends having written nothing.
    if (await hasTeamAssignments(client, municipalityId)) return;
    const table = (name: string) => world.tables.find((entry) => entry.table === name)?.rows ?? [];
    const properties = new Map(table('property').map((row) => [row.id, row]));
    const place = (propertyId: unknown) => {
      const property = properties.get(propertyId);
      return property ? `${String(property.designation)}|${String(property.street_address)}` : '';
    };
    // World id → stored id, by a natural key on each side.
    const idMap = new Map<unknown, string>();
    const match = async (kind: Parameters<typeof readIdsByNaturalKey>[1], worldKey: (row: Row) => string) => {
      const stored = await readIdsByNaturalKey(client, kind, municipalityId);
      for (const row of table(kind)) {
        const id = stored.get(worldKey(row));
        if (id) idMap.set(row.id, id);
      }
    };
    await match('district', (row) => String(row.code));
    await match('provider', (row) => String(row.name));
    await match('team', (row) => String(row.name));
    await match('staff_member', (row) => String(row.employee_number));
    await match(
      'customer',
      (row) =>
        `${String(row.given_name)}|${String(row.family_name)}|${String(row.apartment)}|${place(row.residence_property_id)}`,
    );
    await match('door', (row) => `${String(row.label)}|${place(row.property_id)}`);
    const references = ['team_id', 'customer_id', 'district_id', 'door_id', 'staff_member_id'];
    for (const name of permissionTables) {
      const rows = table(name).flatMap((row) => {
        const { id: _worldId, ...rest } = row;
        const mapped: Row = { ...rest, municipality_id: municipalityId };
        for (const column of references) {
          if (!(column in row) || row[column] === null) continue;
          const id = idMap.get(row[column]);
          if (!id) return [];
          mapped[column] = id;
        }
        return [mapped];
      });
      await insertRows(client, name, rows);
    }
    for (const provider of table('provider')) {
      const id = idMap.get(provider.id);
      if (id && Object.keys(provider.service_windows as object).length > 0)
        await fillEmptyServiceWindows(client, municipalityId, id, provider.service_windows);
    }
    const counts = await countMunicipalityRows(client, municipalityId);
    await appendAudit(client, {
      municipalityId,
      actorLabel,
      action: 'seed',
      entity: 'municipality',
      entityId: municipalityId,
      after: {
        backfilled: 'permission facts',
        teamCustomers: counts.teamCustomers,
        areaRules: counts.areaRules,
        sharedDoorGrants: counts.sharedDoorGrants,
        accessGrants: counts.accessGrants,
      },
      source: 'cli',
    });
  });
}
