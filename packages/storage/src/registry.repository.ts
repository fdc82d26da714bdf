import type { EntityDefinition, Resource, Scope } from '@portvakt/core';
import { ownerVisibleDoorKinds } from '@portvakt/core';
import type pg from 'pg';

export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;
export type Row = Record<string, unknown>;

/** camelCase API field → snake_case column. */
export function toColumn(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** Collects query parameters and hands out their `$n` placeholders. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The SQL condition that keeps a query inside `scope` for rows of `resource` aliased `t`.
 * Fails closed: a scope kind this resource has no rule for throws instead of returning rows.
 */
export function scopeCondition(resource: Resource, scope: Scope, params: Params): string {
  const municipality =
    resource === 'municipality'
      ? `t.id = ${params.add(scope.municipalityId)}`
      : `t.municipality_id = ${params.add(scope.municipalityId)}`;
  if (scope.kind === 'municipality') return municipality;
  let narrow: string | undefined;
  if (scope.kind === 'provider') {
    const p = params.add(scope.providerId);
    const servedBy = (customerColumn: string) =>
      `EXISTS (SELECT 1 FROM customer_service cs WHERE cs.customer_id = ${customerColumn} AND cs.provider_id = ${p} AND (cs.ends_on IS NULL OR cs.ends_on >= current_date))`;
    narrow = {
      customer: servedBy('t.id'),
      access_path: servedBy('t.id'),
      // Only services that still run: an ended one would reveal a customer now served by others.
      customer_service: `t.provider_id = ${p} AND (t.ends_on IS NULL OR t.ends_on >= current_date)`,
      provider: `t.id = ${p}`,
      team: `t.provider_id = ${p}`,
      team_membership: `EXISTS (SELECT 1 FROM team x WHERE x.id = t.team_id AND x.provider_id = ${p})`,
      staff_member: `t.provider_id = ${p}`,
      digital_key: `t.provider_id = ${p}`,
      team_customer: `EXISTS (SELECT 1 FROM team x WHERE x.id = t.team_id AND x.provider_id = ${p})`,
      area_rule: `EXISTS (SELECT 1 FROM team x WHERE x.id = t.team_id AND x.provider_id = ${p})`,
      access_grant: `EXISTS (SELECT 1 FROM staff_member x WHERE x.id = t.staff_member_id AND x.provider_id = ${p})`,
      shared_door_grant: `(EXISTS (SELECT 1 FROM team x WHERE x.id = t.team_id AND x.provider_id = ${p}) OR EXISTS (SELECT 1 FROM staff_member x WHERE x.id = t.staff_member_id AND x.provider_id = ${p}))`,
    }[resource as string];
  } else if (scope.kind === 'owner') {
    const o = params.add(scope.propertyOwnerId);
    const kinds = `ARRAY[${ownerVisibleDoorKinds.map((kind) => `'${kind}'`).join(', ')}]`;
    narrow = {
      property_owner: `t.id = ${o}`,
      property: `t.owner_id = ${o}`,
      door: `t.kind = ANY(${kinds}) AND EXISTS (SELECT 1 FROM property p WHERE p.id = t.property_id AND p.owner_id = ${o})`,
      lock_device: `EXISTS (SELECT 1 FROM door d JOIN property p ON p.id = d.property_id WHERE d.id = t.door_id AND p.owner_id = ${o} AND d.kind = ANY(${kinds}))`,
    }[resource as string];
  } else {
    const s = params.add(scope.staffMemberId);
    narrow = {
      staff_member: `t.id = ${s}`,
      digital_key: `t.holder_staff_member_id = ${s}`,
    }[resource as string];
  }
  if (!narrow) throw new Error(`No ${scope.kind} scope rule for ${resource}`);
  return `${municipality} AND ${narrow}`;
}

export interface ListQuery {
  filters: Record<string, unknown>;
  search?: string | undefined;
  sort: string;
  isDescending: boolean;
  limit: number;
  after?: { value: unknown; id: string } | undefined;
}

export interface ListResult {
  items: Row[];
  hasMore: boolean;
}

function selectList(entity: EntityDefinition): string {
  const columns = ['t.id', 't.created_at AS "createdAt"', 't.updated_at AS "updatedAt"'];
  for (const field of Object.keys(entity.fields)) columns.push(`t.${toColumn(field)} AS "${field}"`);
  if (entity.hasIdentityNumber)
    columns.push('(t.identity_number_encrypted IS NOT NULL) AS "hasIdentityNumber"');
  return columns.join(', ');
}

function tableOf(entity: EntityDefinition): string {
  return entity.resource;
}

/** Converts driver values to API values (timestamps as ISO strings). */
function present(row: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row))
    out[key] = value instanceof Date ? value.toISOString() : value;
  return out;
}

/** Lists rows of `entity` within `scope`, filtered, searched, sorted and keyset-paged. */
export async function listEntities(
  db: Queryable,
  entity: EntityDefinition,
  scope: Scope,
  query: ListQuery,
): Promise<ListResult> {
  const params = new Params();
  const where = [scopeCondition(entity.resource, scope, params)];
  for (const [field, value] of Object.entries(query.filters)) {
    where.push(`t.${toColumn(field)} = ${params.add(value)}`);
  }
  if (query.search) {
    const searchable = Object.entries(entity.fields).filter(([, def]) => def.isSearchable);
    const pattern = params.add(`%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(${searchable.map(([field]) => `t.${toColumn(field)} ILIKE ${pattern}`).join(' OR ')})`);
  }
  const sortColumn = query.sort === 'createdAt' ? 't.created_at' : `t.${toColumn(query.sort)}`;
  const direction = query.isDescending ? 'DESC' : 'ASC';
  if (query.after) {
    where.push(
      // The cursor row's own sort value, read at full precision (timestamps carry microseconds
      // a JSON cursor would lose); the value in the cursor only stands in if that row is gone.
      `(${sortColumn}, t.id) ${query.isDescending ? '<' : '>'} (coalesce((SELECT ${sortColumn.replace('t.', 'c.')} FROM ${tableOf(entity)} c WHERE c.id = ${params.add(query.after.id)}), ${params.add(query.after.value)}), ${params.add(query.after.id)})`,
    );
  }
  const limit = params.add(query.limit + 1);
  const { rows } = await db.query<Row>(
    `SELECT ${selectList(entity)} FROM ${tableOf(entity)} t WHERE ${where.join(' AND ')} ORDER BY ${sortColumn} ${direction}, t.id ${direction} LIMIT ${limit}`,
    params.values,
  );
  const hasMore = rows.length > query.limit;
  return { items: rows.slice(0, query.limit).map(present), hasMore };
}

/** Reads one row within `scope`; undefined when it does not exist or is outside the scope. */
export async function findEntity(
  db: Queryable,
  entity: EntityDefinition,
  scope: Scope,
  id: string,
  options: { isForUpdate?: boolean } = {},
): Promise<Row | undefined> {
  const params = new Params();
  const where = scopeCondition(entity.resource, scope, params);
  const { rows } = await db.query<Row>(
    `SELECT ${selectList(entity)} FROM ${tableOf(entity)} t WHERE t.id = ${params.add(id)} AND ${where}${options.isForUpdate ? ' FOR UPDATE' : ''}`,
    params.values,
  );
  return rows[0] ? present(rows[0]) : undefined;
}

/** Column values to write, keyed by API field name or by raw column name for system columns. */
export type WriteValues = Record<string, unknown>;

function assignments(values: WriteValues): Array<[string, unknown]> {
  return Object.entries(values).map(([field, value]) => [toColumn(field), value]);
}

/** Inserts a row for the municipality and returns its id. */
export async function insertEntity(
  db: Queryable,
  entity: EntityDefinition,
  municipalityId: string,
  values: WriteValues,
): Promise<string> {
  const params = new Params();
  const pairs = assignments({ ...values, municipalityId });
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO ${tableOf(entity)} (${pairs.map(([column]) => column).join(', ')}) VALUES (${pairs
      .map(([, value]) => params.add(value))
      .join(', ')}) RETURNING id`,
    params.values,
  );
  return rows[0]!.id;
}

/** Updates the given columns of one row (the caller has already checked scope). */
export async function updateEntity(
  db: Queryable,
  entity: EntityDefinition,
  id: string,
  values: WriteValues,
): Promise<void> {
  const params = new Params();
  const pairs = assignments(values);
  const sets = pairs.map(([column, value]) => `${column} = ${params.add(value)}`);
  sets.push('updated_at = now()');
  await db.query(
    `UPDATE ${tableOf(entity)} SET ${sets.join(', ')} WHERE id = ${params.add(id)}`,
    params.values,
  );
}

/** Deletes one row; a row still referenced raises PostgreSQL's foreign-key error (23503). */
export async function deleteEntity(db: Queryable, entity: EntityDefinition, id: string): Promise<void> {
  await db.query(`DELETE FROM ${tableOf(entity)} WHERE id = $1`, [id]);
}

/** The providers a customer has chosen for a service that has not ended (R3.2). */
export async function listChosenProviderIds(db: Queryable, customerId: string): Promise<string[]> {
  const { rows } = await db.query<{ provider_id: string }>(
    `SELECT DISTINCT provider_id FROM customer_service WHERE customer_id = $1 AND (ends_on IS NULL OR ends_on >= current_date)`,
    [customerId],
  );
  return rows.map((row) => row.provider_id);
}
