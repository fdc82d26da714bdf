import { createColumnQuery, type Queryable } from '../platform/queryable';

export interface MunicipalityRecord {
  id: string;
  code: string;
  name: string;
  settings: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

const columns = `id, code, name, settings, created_at AS "createdAt", updated_at AS "updatedAt"`;

function present(row: Record<string, unknown>): MunicipalityRecord {
  return {
    ...(row as unknown as MunicipalityRecord),
    createdAt: (row.createdAt as Date).toISOString(),
    updatedAt: (row.updatedAt as Date).toISOString(),
  };
}

/** Finds a municipality by its id. */
export async function findMunicipality(db: Queryable, id: string): Promise<MunicipalityRecord | undefined> {
  const { rows } = await db.query(`SELECT ${columns} FROM municipality WHERE id = $1`, [id]);
  return rows[0] ? present(rows[0] as Record<string, unknown>) : undefined;
}

/**
 * Finds a municipality by its id and holds its row until the transaction ends: a settings change
 * merged from what was read would otherwise overwrite one committed in between. NO KEY: the rows
 * that reference the municipality (nearly all) are still inserted meanwhile.
 */
export async function findMunicipalityForUpdate(
  db: Queryable,
  id: string,
): Promise<MunicipalityRecord | undefined> {
  const { rows } = await db.query(`SELECT ${columns} FROM municipality WHERE id = $1 FOR NO KEY UPDATE`, [
    id,
  ]);
  return rows[0] ? present(rows[0] as Record<string, unknown>) : undefined;
}

/** Finds a municipality by its short code (e.g. "0180"). */
export async function findMunicipalityByCode(
  db: Queryable,
  code: string,
): Promise<MunicipalityRecord | undefined> {
  const { rows } = await db.query(`SELECT ${columns} FROM municipality WHERE code = $1`, [code]);
  return rows[0] ? present(rows[0] as Record<string, unknown>) : undefined;
}

/** Creates a municipality (bootstrap; not exposed over HTTP). */
export async function insertMunicipality(
  db: Queryable,
  municipality: { code: string; name: string },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO municipality (code, name) VALUES ($1, $2) RETURNING id',
    [municipality.code, municipality.name],
  );
  return rows[0]!.id;
}

/** Updates name and settings. */
export async function updateMunicipality(
  db: Queryable,
  id: string,
  patch: { name?: string | undefined; settings?: Record<string, unknown> | undefined },
): Promise<void> {
  await db.query(
    `UPDATE municipality SET name = coalesce($2, name), settings = coalesce($3, settings), updated_at = now() WHERE id = $1`,
    [id, patch.name ?? null, patch.settings === undefined ? null : JSON.stringify(patch.settings)],
  );
}

/** Every municipality's id, oldest first (a server warms their permission indexes at start). */
export const listMunicipalityIds = createColumnQuery<string, []>(
  'SELECT id FROM municipality ORDER BY created_at, id',
);
