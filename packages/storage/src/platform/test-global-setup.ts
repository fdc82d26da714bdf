import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensureRoles } from './database-roles';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded';
import { migrate } from './migrate';

/** The test app role's password (throwaway clusters; a TEST_DATABASE_URL server gets it too). */
export const testAppPassword = 'portvakt-test-app';

/**
 * Starts one real PostgreSQL for the whole run (embedded, or the server in TEST_DATABASE_URL),
 * creates the owner and app roles as `portvakt start` does, and migrates (as the owner) a
 * template database that every test file clones; tests then connect as the app role.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let embedded: EmbeddedServer | undefined;
  let dir: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    dir = await mkdtemp(join(tmpdir(), 'portvakt-test-pg-'));
    embedded = await startEmbeddedPostgres({ dataDir: dir, isEphemeral: true });
    adminUrl = embedded.adminUrl;
  }
  await ensureRoles(adminUrl, testAppPassword);
  const template = `portvakt_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${template}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  await migrate(pool);
  await pool.end();
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplateDatabase', template);
  project.provide('pgAppPassword', testAppPassword);
  return async () => {
    if (embedded) {
      await embedded.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    } else {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await client.end();
    }
  };
}
