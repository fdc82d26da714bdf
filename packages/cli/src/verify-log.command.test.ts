// `portvakt verify-log --municipality` takes the municipality's id: anything but a UUID is refused
// with a message and exit 1 before the database is asked (never PostgreSQL's own words), and a
// well-formed id is verified as usual.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@portvakt/storage/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/portvakt.js', import.meta.url));
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
}, 120_000);
afterAll(async () => db?.drop());

function run(...args: string[]) {
  const superuser = new URL(inject('pgAdminUrl'));
  superuser.pathname = `/${db.name}`;
  return spawnSync(process.execPath, [bin, 'verify-log', ...args], {
    // The app role reads; migrations (which the command runs first) go through the superuser.
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      MIGRATION_DATABASE_URL: superuser.toString(),
      LOG_LEVEL: 'warn',
    },
    encoding: 'utf8',
  });
}

describe('portvakt verify-log --municipality', () => {
  it('refuses what is not an id with a message and exit 1, never SQL’s', { timeout: 120_000 }, () => {
    for (const id of ['notauuid', '9999', "1' OR '1'='1"]) {
      const result = run('--municipality', id);
      expect(result.status, id).toBe(1);
      expect(result.stderr).toContain(
        `portvakt: --municipality: "${id}" is not a municipality id (an id looks like `,
      );
      expect(result.stderr + result.stdout).not.toMatch(/invalid input syntax|type uuid/i);
      expect(result.stdout).toBe('');
    }
  });

  it('verifies the municipality named by a well-formed id', { timeout: 120_000 }, () => {
    const result = run('--municipality', randomUUID());
    expect(result.stderr).not.toMatch(/is not a municipality id/);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Checked 0 records');
  });
});
