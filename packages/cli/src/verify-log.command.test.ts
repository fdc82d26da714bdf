// `portvakt verify-log --municipality` takes the municipality's code or id, as `events` does: a
// value that names no municipality is refused with a message and exit 1 (never PostgreSQL's own
// words, never a clean "0 records" for a typo), and the municipality named either way is verified.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { insertMunicipality } from '@portvakt/storage';
import { createTestDatabase, type TestDatabase } from '@portvakt/storage/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/portvakt.js', import.meta.url));
let db: TestDatabase;
let municipalityId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  municipalityId = await insertMunicipality(db.pool, { code: '0180', name: 'Stockholms stad' });
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
  it(
    'refuses what names no municipality with a message and exit 1, never SQL’s',
    { timeout: 120_000 },
    () => {
      const unknownId = randomUUID();
      for (const [value, what] of [
        ['notauuid', 'code'],
        ['9999', 'code'],
        ["1' OR '1'='1", 'code'],
        [unknownId, 'id'],
      ] as const) {
        const result = run('--municipality', value);
        expect(result.status, value).toBe(1);
        expect(result.stderr).toContain(`portvakt: --municipality: no municipality with ${what} "${value}"`);
        expect(result.stderr + result.stdout).not.toMatch(/invalid input syntax|type uuid/i);
        expect(result.stdout).toBe('');
      }
    },
  );

  it('verifies the municipality named by its code or by its id', { timeout: 120_000 }, () => {
    for (const value of ['0180', municipalityId]) {
      const result = run('--municipality', value);
      expect(result.stderr, value).not.toMatch(/no municipality/);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('Checked 0 records');
    }
  });
});
