import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { loadMigrations, migrate, type Migration } from './migrate';
import { createTestDatabase, type TestDatabase } from './testing';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
const copies: string[] = [];
afterAll(async () => {
  await db.drop();
  await Promise.all(copies.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A folder with the real migrations (each as `sqlOf` writes it) and `extra` files, removed after the file. */
async function copyMigrations(
  extra: Record<string, string>,
  sqlOf: (migration: Migration) => string = (migration) => migration.sql,
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mig-'));
  copies.push(dir);
  for (const m of await loadMigrations()) await writeFile(join(dir, `${m.version}_${m.name}.sql`), sqlOf(m));
  for (const [name, sql] of Object.entries(extra)) await writeFile(join(dir, name), sql);
  return dir;
}

async function tableNames(): Promise<string[]> {
  const { rows } = await db.pool.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  return rows.map((row) => row.tablename);
}

describe('migrations', () => {
  it('are recorded and a second run applies nothing', async () => {
    const { rows } = await db.pool.query('SELECT version FROM schema_migration ORDER BY version');
    expect(rows.map((row) => row.version)).toEqual((await loadMigrations()).map((m) => m.version));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const result = await migrate(db.pool);
    expect(result.applied).toEqual([]);
  });

  it('a failing migration leaves the database as it was', async () => {
    const dir = await copyMigrations({
      '0099_broken.sql':
        'CREATE TABLE half_done (id int);\nINSERT INTO half_done VALUES (1);\nSELECT no_such_function();\n',
    });
    const before = await tableNames();
    await expect(migrate(db.pool, { dir })).rejects.toThrow(/0099_broken failed and was rolled back/);
    expect(await tableNames()).toEqual(before);
    const { rowCount } = await db.pool.query("SELECT 1 FROM schema_migration WHERE version = '0099'");
    expect(rowCount).toBe(0);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const dir = await copyMigrations({}, (m) => (m.version === '0001' ? `${m.sql}\n-- edited` : m.sql));
    await expect(migrate(db.pool, { dir })).rejects.toThrow(/was changed after it was applied/);
  });

  it('the audit trail cannot be updated or deleted, even in SQL by its owner', async () => {
    await db.pool.query(
      "INSERT INTO audit_entry (actor_label, action, entity) VALUES ('test', 'create', 'district')",
    );
    // The superuser plays the schema owner here: privileges allow it, the trigger does not.
    const owner = db.superuser;
    await expect(owner.query("UPDATE audit_entry SET action = 'x'")).rejects.toThrow(
      /audit_entry is append-only \(UPDATE refused\)/,
    );
    await expect(owner.query('DELETE FROM audit_entry')).rejects.toThrow(/audit_entry is append-only/);
    await expect(owner.query('TRUNCATE audit_entry')).rejects.toThrow(/audit_entry is append-only/);
    // Each guarded table names itself (event_read_log used to say "audit_entry").
    await owner.query(
      `WITH m AS (INSERT INTO municipality (code, name) VALUES ('9902', 'Meddelande') RETURNING id)
       INSERT INTO event_read_log (municipality_id, actor_label, query_kind, subject_kind, row_count)
       SELECT id, 'test', 'list', 'lock', 0 FROM m`,
    );
    await expect(owner.query('DELETE FROM event_read_log')).rejects.toThrow(
      /event_read_log is append-only \(DELETE refused\)/,
    );
    await expect(owner.query('TRUNCATE event_read_log')).rejects.toThrow(/event_read_log is append-only/);
  });

  it('0061 stops on serials that differ only in case, naming them, and keeps every row', async () => {
    // The database as it was before 0061: serials unique only as typed.
    const owner = db.superuser;
    await owner.query(`DELETE FROM schema_migration WHERE version = '0061';
      DROP INDEX digital_key_serial_key; DROP INDEX lock_device_serial_key;
      ALTER TABLE digital_key ADD CONSTRAINT digital_key_serial_key UNIQUE (municipality_id, serial);
      ALTER TABLE lock_device ADD CONSTRAINT lock_device_serial_key UNIQUE (serial);`);
    const { rows } = await owner.query<{ id: string }>(
      "INSERT INTO municipality (code, name) VALUES ('9903', 'Skiftläge') RETURNING id",
    );
    const municipalityId = rows[0]!.id;
    const provider = await owner.query<{ id: string }>(
      `INSERT INTO provider (municipality_id, name, ownership, kinds)
       VALUES ($1, 'Hemtjänst', 'municipal', '{day_home_care}') RETURNING id`,
      [municipalityId],
    );
    const addKey = (serial: string) =>
      owner.query(
        "INSERT INTO digital_key (municipality_id, provider_id, kind, serial) VALUES ($1, $2, 'phone', $3)",
        [municipalityId, provider.rows[0]!.id, serial],
      );
    const addLock = (serial: string) =>
      owner.query(
        "INSERT INTO lock_device (municipality_id, lock_type, serial) VALUES ($1, 'cylinder_ring', $2)",
        [municipalityId, serial],
      );
    await addKey('PV-PH-TEST04');
    await addKey('pv-ph-test04');
    await addLock('PV-CR-CASE');
    await addLock('pv-cr-case');
    const count = async () =>
      (
        await owner.query<{ n: number }>(
          `SELECT (SELECT count(*) FROM digital_key WHERE lower(serial) = 'pv-ph-test04')
            + (SELECT count(*) FROM lock_device WHERE lower(serial) = 'pv-cr-case') AS n`,
        )
      ).rows[0]!.n;
    await expect(migrate(db.pool)).rejects.toThrow(
      /0061_serials_regardless_of_case failed and was rolled back: Digital keys whose serials differ only in case: PV-PH-TEST04, pv-ph-test04 \(Skiftläge\)/,
    );
    expect(Number(await count())).toBe(4);
    await owner.query("DELETE FROM digital_key WHERE serial = 'pv-ph-test04'");
    await expect(migrate(db.pool)).rejects.toThrow(
      /Locks whose serials differ only in case: PV-CR-CASE, pv-cr-case\./,
    );
    expect(Number(await count())).toBe(3);
    await owner.query("DELETE FROM lock_device WHERE serial = 'pv-cr-case'");
    expect((await migrate(db.pool)).applied).toEqual(['0061_serials_regardless_of_case']);
    await expect(addKey('Pv-Ph-Test04')).rejects.toThrow(/digital_key_serial_key/);
    await expect(addLock('pv-CR-case')).rejects.toThrow(/lock_device_serial_key/);
  });
});

describe('least privilege: the app role', () => {
  it('is what the pool connects as: no superuser, owns nothing', async () => {
    const { rows } = await db.pool.query<{ user: string; isSuper: boolean; owned: number }>(
      `SELECT current_user AS user, r.rolsuper AS "isSuper",
         (SELECT count(*)::integer FROM pg_class c WHERE c.relowner = r.oid) AS owned
       FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(rows[0]).toEqual({ user: 'portvakt_app', isSuper: false, owned: 0 });
    const owners = await db.pool.query<{ owner: string }>(
      `SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public'`,
    );
    expect(owners.rows.map((r) => r.owner)).toEqual(['portvakt_owner']);
  });

  it('cannot switch the append-only triggers off, nor update or delete history', async () => {
    const municipality = await db.pool.query<{ id: string }>(
      "INSERT INTO municipality (code, name) VALUES ('9901', 'Privtest') RETURNING id",
    );
    const m = municipality.rows[0]!.id;
    await db.pool.query(
      "INSERT INTO audit_entry (municipality_id, actor_label, action, entity) VALUES ($1, 'test', 'create', 'district')",
      [m],
    );
    await db.pool.query(
      `INSERT INTO event_read_log (municipality_id, actor_label, query_kind, subject_kind, row_count)
       VALUES ($1, 'test', 'list', 'lock', 0)`,
      [m],
    );
    // The attack of the review: replica mode skips every trigger.
    await expect(db.pool.query('SET session_replication_role = replica')).rejects.toThrow(
      /permission denied/,
    );
    const refused = [
      "UPDATE audit_entry SET action = 'x'",
      'DELETE FROM audit_entry',
      'TRUNCATE audit_entry',
      "UPDATE event_read_log SET actor_label = 'x'",
      'DELETE FROM event_read_log',
      "UPDATE device_event SET staff_pseudonym = 'x'",
      'DELETE FROM device_event',
      'DELETE FROM device_event_default',
      'DELETE FROM device_event_held',
      'DELETE FROM device_chain_head',
      'DELETE FROM device_chain',
      'DELETE FROM audit_checkpoint',
      'UPDATE audit_chain SET last_seq = 0',
      'UPDATE head_ledger SET last_seq = 0',
      'DELETE FROM retention_run',
      'DELETE FROM device_retention_cut',
      'DELETE FROM visit',
      "UPDATE compensation_run SET hash = 'x'",
      'DELETE FROM compensation_line',
      "UPDATE visit_exception_resolution SET reason = 'x'",
      'UPDATE phone_visit_event SET signed_at = now()',
      'DELETE FROM phone_visit_event',
      'UPDATE break_glass_window SET ends_at = now()',
      'DELETE FROM break_glass_review',
      'DELETE FROM app_privilege_limit',
      'ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update',
      'DROP TABLE device_event_default',
      'CREATE TABLE intruder (id int)',
    ];
    for (const sql of refused) {
      await expect(db.pool.query(sql), sql).rejects.toThrow(/permission denied|must be owner/);
    }
    // Retention itself is allowed, through the function that computes its own cutoffs.
    const { rows } = await db.pool.query<{ report: { isSkipped: boolean } }>(
      `SELECT portvakt_run_retention(now(), 'manual', 'test', true, 1) AS report`,
    );
    expect(rows[0]!.report.isSkipped).toBe(false);
    const count = await db.superuser.query(
      'SELECT count(*)::integer AS n FROM audit_entry WHERE municipality_id = $1',
      [m],
    );
    expect(count.rows[0].n).toBe(1);
  });

  it('gets the grants on tables that later migrations create (default privileges)', async () => {
    const dir = await copyMigrations({ '0999_later.sql': 'CREATE TABLE later_table (id int);\n' });
    await migrate(db.pool, { dir });
    await db.pool.query('INSERT INTO later_table VALUES (1)');
    await expect(db.pool.query('TRUNCATE later_table')).rejects.toThrow(/permission denied/);
    const owner = await db.pool.query<{ owner: string }>(
      "SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relname = 'later_table'",
    );
    expect(owner.rows[0]!.owner).toBe('portvakt_owner');
  });

  it('external PostgreSQL: DATABASE_URL is the app role, MIGRATION_DATABASE_URL migrates', async () => {
    const migrationUrl = (db.superuser as unknown as { options: { connectionString: string } }).options
      .connectionString;
    const database = await openDatabase({
      databaseUrl: db.url,
      migrationDatabaseUrl: migrationUrl,
      dataDir: '/nonexistent-never-used',
    });
    try {
      const dir = await copyMigrations({ '0998_external.sql': 'CREATE TABLE external_table (id int);\n' });
      expect((await migrate(database.pool, { dir })).applied).toEqual(['0998_external']);
      const { rows } = await database.pool.query<{ user: string }>('SELECT current_user AS user');
      expect(rows[0]!.user).toBe('portvakt_app');
      await expect(database.pool.query('DROP TABLE external_table')).rejects.toThrow(/must be owner/);
    } finally {
      await database.close();
    }
  });
});
