import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../packages/storage/src/platform/testing';
import {
  compareWithPending,
  findCatalogueProblems,
  findQueryProblems,
  readMunicipalTables,
  readPending,
  readStorageSources,
} from './check-sharding';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => testDb.drop());

describe('sharding check: the catalogue', () => {
  it('accepts the migrated schema', async () => {
    expect(await findCatalogueProblems(testDb.superuser)).toEqual([]);
  });

  it('flags a table without municipality_id, a key without it and a foreign key without it', async () => {
    const client = await testDb.superuser.connect();
    try {
      await client.query('BEGIN');
      await client.query(`CREATE TABLE sharding_probe_parent (
        id uuid PRIMARY KEY, municipality_id uuid NOT NULL, serial text UNIQUE)`);
      await client.query(`CREATE TABLE sharding_probe_child (
        parent_id uuid REFERENCES sharding_probe_parent (id), note text)`);
      const problems = await findCatalogueProblems(client);
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            table: 'sharding_probe_child',
            what: expect.stringContaining('missing'),
          }),
          expect.objectContaining({
            table: 'sharding_probe_parent',
            what: expect.stringMatching(/unique key without municipality_id.*\(id\)/),
          }),
          expect.objectContaining({
            table: 'sharding_probe_parent',
            what: expect.stringMatching(/unique key without municipality_id.*\(serial\)/),
          }),
        ]),
      );
      await client.query('ALTER TABLE sharding_probe_child ADD COLUMN municipality_id uuid NOT NULL');
      expect(await findCatalogueProblems(client)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            table: 'sharding_probe_child',
            what: expect.stringContaining('foreign key without municipality_id'),
          }),
        ]),
      );
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});

describe('sharding check: the queries', () => {
  const tables = new Set(['customer', 'door', 'key_credential']);
  const check = (source: string) => findQueryProblems([{ path: 'a.ts', source }], tables).problems;

  it('flags a query of a municipality table that does not name municipality_id, with its line', () => {
    const source = 'const a = 1;\nawait db.query(\n  `SELECT id\n   FROM customer WHERE id = $1`,\n);\n';
    expect(check(source)).toEqual([
      { where: 'a.ts:4', table: 'customer', what: 'query without municipality_id' },
    ]);
  });

  it('accepts a single table with municipality_id, and asks each joined table for its own', () => {
    expect(check("q('SELECT id FROM customer WHERE municipality_id = $1 AND id = $2')")).toEqual([]);
    const join =
      'q(`SELECT c.id FROM customer c JOIN door d ON d.id = c.apartment_door_id WHERE c.municipality_id = $1`)';
    expect(check(join)).toEqual([expect.objectContaining({ table: 'door' })]);
    const both = join.replace('ON d.id', 'ON d.municipality_id = c.municipality_id AND d.id');
    expect(check(both)).toEqual([]);
  });

  it('asks for a filter a router can use, not only equal columns of two tables', () => {
    const joinOnly =
      'q(`SELECT c.id FROM customer c JOIN door d ON d.municipality_id = c.municipality_id AND d.id = c.apartment_door_id WHERE c.id = $1`)';
    expect(check(joinOnly)).toEqual([
      expect.objectContaining({ table: 'customer', what: expect.stringContaining('cannot be routed') }),
    ]);
    expect(
      check(joinOnly.replace('WHERE c.id = $1', 'WHERE c.municipality_id = ${id} AND c.id = $1')),
    ).toEqual([]);
  });

  it('asks an insert to name the column, and ignores tables of no municipality', () => {
    expect(check("q('INSERT INTO key_credential (digital_key_id) VALUES ($1)')")).toEqual([
      expect.objectContaining({ table: 'key_credential' }),
    ]);
    expect(
      check("q('INSERT INTO key_credential (municipality_id, digital_key_id) VALUES ($1, $2)')"),
    ).toEqual([]);
    expect(check("q('SELECT id FROM municipality WHERE code = $1')")).toEqual([]);
  });

  it('lets a query through only with a stated reason, and lists it', () => {
    const source =
      'q(`SELECT id FROM door /* sharding: a router broadcasts this lookup by random id */ WHERE id = $1`)';
    const findings = findQueryProblems([{ path: 'a.ts', source }], tables);
    expect(findings.problems).toEqual([]);
    expect(findings.allowed).toEqual([
      { where: 'a.ts:1', reason: 'a router broadcasts this lookup by random id' },
    ]);
  });

  it('fails on a query beyond the pending list, and the repository is within it', async () => {
    const problems = check(
      "q('SELECT id FROM door WHERE id = $1')\nq('SELECT id FROM door WHERE label = $1')",
    );
    // One more than listed: both are shown, as the check cannot tell which one is new.
    expect(compareWithPending(problems, new Map([['a.ts door', 1]])).beyond).toHaveLength(2);
    expect(compareWithPending(problems, new Map([['a.ts door', 2]])).beyond).toEqual([]);
    const root = join(import.meta.dirname, '..');
    const real = findQueryProblems(readStorageSources(root), await readMunicipalTables(testDb.superuser));
    expect(compareWithPending(real.problems, readPending(root)).beyond).toEqual([]);
  });
});
