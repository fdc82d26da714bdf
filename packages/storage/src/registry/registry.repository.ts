import type { EntityDefinition, Resource, Scope, ServicePeriod } from '@portvakt/core';
import { ownerVisibleDoorKinds, servedFromToday, substitutedField } from '@portvakt/core';
import { createColumnQuery, Params, type Queryable, type Row } from '../platform/queryable';
import { selectKeysetPage } from '../platform/keyset-page';
import { withIsoDates } from '../platform/rows';

// Other capabilities' repositories still import these from here; they live in platform/queryable.ts.
export { Params, type Queryable, type Row } from '../platform/queryable';

/** camelCase API field → snake_case column. */
export function toColumn(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * The SQL condition for "`cs` (a customer_service row) is one of provider `providerParam`'s
 * services during `period`" (core's ServicePeriod: the one date rule for a provider's customers).
 */
export function serviceDuring(
  cs: string,
  providerParam: string,
  period: ServicePeriod,
  params: Params,
): string {
  // "Today" is the Stockholm day like every other day of the rule, not the session's zone's.
  const from =
    period.fromDay === null
      ? `(now() AT TIME ZONE 'Europe/Stockholm')::date`
      : `${params.add(period.fromDay)}::date`;
  const to = period.toDay === null ? '' : ` AND ${cs}.starts_on <= ${params.add(period.toDay)}::date`;
  return `${cs}.provider_id = ${providerParam} AND (${cs}.ends_on IS NULL OR ${cs}.ends_on >= ${from})${to}`;
}

/** Whose customer the caller may see named on a row (R2.7): all, none, or a provider's. */
export type CustomerVisibility =
  { kind: 'all' } | { kind: 'none' } | { kind: 'provider'; providerId: string };

/**
 * The SQL condition "the customer in `customerColumn` may be named to the caller": always, never
 * (also when no visibility is given), or while the provider serves them from today on.
 */
export function customerSeenCondition(
  visibility: CustomerVisibility | undefined,
  customerColumn: string,
  municipalityId: string,
  params: Params,
): string {
  if (visibility === undefined || visibility.kind === 'none') return 'false';
  if (visibility.kind === 'all') return 'true';
  return `EXISTS (SELECT 1 FROM customer_service cs WHERE cs.municipality_id = ${params.add(municipalityId)} AND cs.customer_id = ${customerColumn} AND ${serviceDuring(
    'cs',
    params.add(visibility.providerId),
    servedFromToday,
    params,
  )})`;
}

/** Per scope kind but the municipality's (which sees all of it), what narrows a municipality's rows. */
export type ScopeNarrowing = {
  [K in Exclude<Scope['kind'], 'municipality'>]?: (scope: Extract<Scope, { kind: K }>) => string;
};

/**
 * The condition keeping rows `t` of `what` inside `scope`: the municipality's rows, narrowed by
 * the rule for the scope's kind. Fails closed: a kind without a rule throws instead of returning rows.
 */
export function narrowedScopeCondition(
  scope: Scope,
  params: Params,
  what: string,
  narrowing: ScopeNarrowing,
): string {
  const municipality = `t.municipality_id = ${params.add(scope.municipalityId)}`;
  if (scope.kind === 'municipality') return municipality;
  // Each rule was typed against its own kind above; here it is looked up by the scope's kind.
  const narrow = narrowing[scope.kind] as ((scope: Scope) => string) | undefined;
  if (!narrow) throw new Error(`No ${scope.kind} scope rule for ${what}`);
  return `${municipality} AND ${narrow(scope)}`;
}

/** An installer's rows: their account in one of `userColumns`, or their locksmith company in `companyColumn`. */
export function assigneeCondition(
  scope: Extract<Scope, { kind: 'assignee' }>,
  params: Params,
  userColumns: readonly string[],
  companyColumn: string,
): string {
  const user = params.add(scope.userId);
  const either = userColumns.map((column) => `${column} = ${user}`);
  if (scope.locksmithCompanyId !== null)
    either.push(`${companyColumn} = ${params.add(scope.locksmithCompanyId)}`);
  return `(${either.join(' OR ')})`;
}

/** How one row is read inside a scope: locked for the caller's change, and whose customer shows. */
export interface ScopedRowOptions {
  isForUpdate?: boolean;
  customerVisibility?: CustomerVisibility;
}

/** Reads one row by id inside `scope`, dates as ISO strings; undefined when unknown or out of scope. */
export type ScopedRowFinder = (
  db: Queryable,
  scope: Scope,
  id: string,
  options?: ScopedRowOptions,
) => Promise<Row | undefined>;

/**
 * The finder of one row `t` inside the condition `scopeCondition` gives. `select` is the select
 * list and tables, given the condition on which the row's customer (`t.customer_id`) may be named
 * and the reader's scope (for the fields a scope sees in place of others, core's substitutedField).
 * `isForUpdate` locks the row (only `t`) until the transaction ends, so that a change is judged on
 * the state it changes.
 */
export function createScopedRowFinder(
  scopeCondition: (scope: Scope, params: Params) => string,
  // `select` ends with `WHERE t.municipality_id = ${municipality}`, so the statement as written
  // names the shard it reads (the sharding check reads each SQL string on its own).
  select: (customerSeen: string, municipality: string, scope: Scope) => string,
): ScopedRowFinder {
  return async (db, scope, id, options = {}) => {
    const params = new Params();
    const municipality = params.add(scope.municipalityId);
    const inScope = scopeCondition(scope, params);
    const customerSeen = customerSeenCondition(
      options.customerVisibility,
      't.customer_id',
      scope.municipalityId,
      params,
    );
    const { rows } = await db.query<Row>(
      `${select(customerSeen, municipality, scope)}
       AND t.id = ${params.add(id)} AND ${inScope}
       ${options.isForUpdate ? 'FOR UPDATE OF t' : ''}`,
      params.values,
    );
    return rows[0] && withIsoDates(rows[0]);
  };
}

/**
 * The SQL condition that keeps a query inside `scope` for rows of `resource` aliased `t`.
 * Fails closed: a scope kind this resource has no rule for throws instead of returning rows.
 */
export function scopeCondition(resource: Resource, scope: Scope, params: Params): string {
  // One parameter for the municipality: the rows of `t` and of every table a rule reads.
  const m = params.add(scope.municipalityId);
  const municipality = resource === 'municipality' ? `t.id = ${m}` : `t.municipality_id = ${m}`;
  if (scope.kind === 'municipality') return municipality;
  let narrow: string | undefined;
  if (scope.kind === 'provider') {
    const p = params.add(scope.providerId);
    const period = scope.servedDuring ?? servedFromToday;
    // Built only for the resource asked about: every parameter added must appear in the SQL.
    const servedBy = () =>
      `EXISTS (SELECT 1 FROM customer_service cs WHERE cs.municipality_id = ${m} AND cs.customer_id = t.id AND ${serviceDuring('cs', p, period, params)})`;
    const rules: Record<string, () => string> = {
      customer: servedBy,
      access_path: servedBy,
      // Only services in the period: an ended one would reveal a customer now served by others.
      customer_service: () => serviceDuring('t', p, period, params),
      provider: () => `t.id = ${p}`,
      team: () => `t.provider_id = ${p}`,
      team_membership: () =>
        `EXISTS (SELECT 1 FROM team x WHERE x.municipality_id = ${m} AND x.id = t.team_id AND x.provider_id = ${p})`,
      staff_member: () => `t.provider_id = ${p}`,
      digital_key: () => `t.provider_id = ${p}`,
      team_customer: () =>
        `EXISTS (SELECT 1 FROM team x WHERE x.municipality_id = ${m} AND x.id = t.team_id AND x.provider_id = ${p})`,
      area_rule: () =>
        `EXISTS (SELECT 1 FROM team x WHERE x.municipality_id = ${m} AND x.id = t.team_id AND x.provider_id = ${p})`,
      access_grant: () =>
        `EXISTS (SELECT 1 FROM staff_member x WHERE x.municipality_id = ${m} AND x.id = t.staff_member_id AND x.provider_id = ${p})`,
      visit: () => `t.provider_id = ${p}`,
      work_shift: () => `t.provider_id = ${p}`,
      planned_visit: () => `t.provider_id = ${p}`,
      compensation_run: () => `t.provider_id = ${p}`,
      // Granted time belongs to the customer: the provider's customers in the period asked about.
      granted_time: () =>
        `EXISTS (SELECT 1 FROM customer_service cs WHERE cs.municipality_id = ${m} AND cs.customer_id = t.customer_id AND ${serviceDuring('cs', p, period, params)})`,
      shared_door_grant: () =>
        `(EXISTS (SELECT 1 FROM team x WHERE x.municipality_id = ${m} AND x.id = t.team_id AND x.provider_id = ${p}) OR EXISTS (SELECT 1 FROM staff_member x WHERE x.municipality_id = ${m} AND x.id = t.staff_member_id AND x.provider_id = ${p}))`,
    };
    narrow = rules[resource]?.();
  } else if (scope.kind === 'owner') {
    const o = params.add(scope.propertyOwnerId);
    const kinds = `ARRAY[${ownerVisibleDoorKinds.map((kind) => `'${kind}'`).join(', ')}]`;
    narrow = {
      property_owner: `t.id = ${o}`,
      property: `t.owner_id = ${o}`,
      door: `t.kind = ANY(${kinds}) AND EXISTS (SELECT 1 FROM property p WHERE p.municipality_id = ${m} AND p.id = t.property_id AND p.owner_id = ${o})`,
      lock_device: `EXISTS (SELECT 1 FROM door d JOIN property p ON p.municipality_id = d.municipality_id AND p.id = d.property_id WHERE d.municipality_id = ${m} AND d.id = t.door_id AND p.owner_id = ${o} AND d.kind = ANY(${kinds}))`,
    }[resource as string];
  } else if (scope.kind === 'self') {
    const s = params.add(scope.staffMemberId);
    const rules: Record<string, () => string> = {
      staff_member: () => `t.id = ${s}`,
      digital_key: () => `t.holder_staff_member_id = ${s}`,
      // Through the provider's index: a staff member's visits are all their provider's.
      visit: () => `t.provider_id = ${params.add(scope.providerId)} AND ${s}::uuid = ANY(t.staff_member_ids)`,
      work_shift: () => `t.staff_member_id = ${s}`,
    };
    narrow = rules[resource]?.();
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
  /**
   * Keyset position: the last row's sort value as PostgreSQL text (full precision, e.g.
   * microseconds of a timestamp) and its id. Never looked up: a position names no row the
   * caller might not see (docs/api.md "Paging").
   */
  after?: { sortKey: string; id: string } | undefined;
}

export interface ListResult {
  items: Row[];
  hasMore: boolean;
  /** The last item's sort value as PostgreSQL text, for the next page's `after`. */
  lastSortKey?: string | undefined;
}

/** The column behind an API field as `scope` sees it (core's substitutedField). */
function columnOf(entity: EntityDefinition, scope: Scope | undefined, field: string): string {
  if (field === 'createdAt') return 't.created_at';
  return `t.${toColumn(scope ? substitutedField(entity.resource, scope.kind, field) : field)}`;
}

/** A customer's home street address, read by key for the row t (as a join, PostgreSQL hashed every property of the municipality for a page). */
const customerHomeAddress = `(SELECT p.street_address FROM property p
      WHERE p.municipality_id = t.municipality_id AND p.id = t.residence_property_id
      /* sharding: correlated with the row t, whose statement names the municipality */)`;

/**
 * Facts an answer carries beyond a row's own columns, read in the row's own statement (one round
 * trip a page): a customer's home address, by which a work lead (who may not read properties)
 * finds a customer; a lock's property address, by which a property owner tells the "Port A"s of
 * their buildings apart (every role that reads locks reads their properties; an owner's locks are
 * on their own shared doors only). Only lists and reads ask for them: audit snapshots record the
 * row alone.
 */
const presentedFacts: Partial<Record<Resource, readonly string[]>> = {
  customer: [`${customerHomeAddress} AS "residenceAddress"`],
  lock_device: [
    `(SELECT p.street_address FROM door d
      JOIN property p ON p.municipality_id = d.municipality_id AND p.id = d.property_id
      WHERE d.municipality_id = t.municipality_id AND d.id = t.door_id
      /* sharding: correlated with the row t, whose statement names the municipality */) AS "streetAddress"`,
  ],
};

function selectList(entity: EntityDefinition, scope: Scope, isPresented = false): string {
  const columns = ['t.id', 't.created_at AS "createdAt"', 't.updated_at AS "updatedAt"'];
  for (const field of Object.keys(entity.fields))
    columns.push(`${columnOf(entity, scope, field)} AS "${field}"`);
  if (entity.hasIdentityNumber)
    columns.push('(t.identity_number_encrypted IS NOT NULL) AS "hasIdentityNumber"');
  if (isPresented) columns.push(...(presentedFacts[entity.resource] ?? []));
  return columns.join(', ');
}

function tableOf(entity: EntityDefinition): string {
  return entity.resource;
}

/**
 * What a search also matches beyond a row's searchable fields: a customer's home street address
 * and apartment, by which staff and work leads (who may not read properties) find a customer.
 * Only rows the reader may read are searched (the scope is part of the same WHERE).
 */
const searchedFacts: Partial<Record<Resource, readonly string[]>> = {
  customer: [customerHomeAddress, 't.apartment'],
};

/** Escapes LIKE wildcards so a search term matches literally. */
function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Free-text search: every word must match some searchable field, so "Gun Ahmed", "Ahmed Gun"
 * and "ahmed, gun" all find Gun Ahmed while a single word still matches anywhere in a field.
 */
function searchCondition(entity: EntityDefinition, scope: Scope, search: string, params: Params): string {
  const columns = [
    ...Object.entries(entity.fields)
      .filter(([, def]) => def.isSearchable)
      .map(([field]) => columnOf(entity, scope, field)),
    ...(searchedFacts[entity.resource] ?? []),
  ];
  const terms = search
    .split(/[\s,]+/u)
    .filter((term) => term.length > 0)
    .slice(0, 10);
  if (columns.length === 0 || terms.length === 0) return 'true';
  return terms
    .map((term) => {
      const pattern = params.add(likePattern(term));
      return `(${columns.map((column) => `${column} ILIKE ${pattern}`).join(' OR ')})`;
    })
    .join(' AND ');
}

/**
 * Lists rows of `entity` within `scope`, filtered, searched, sorted and keyset-paged, with the
 * facts an answer presents (`presentedFacts`).
 */
export async function listEntities(
  db: Queryable,
  entity: EntityDefinition,
  scope: Scope,
  query: ListQuery,
): Promise<ListResult> {
  const params = new Params();
  const where = [scopeCondition(entity.resource, scope, params)];
  for (const [field, value] of Object.entries(query.filters)) {
    where.push(`${columnOf(entity, scope, field)} = ${params.add(value)}`);
  }
  if (query.search) where.push(searchCondition(entity, scope, query.search, params));
  const sortColumn = columnOf(entity, scope, query.sort);
  // The position comes from the cursor alone; PostgreSQL reads the text as the column's type.
  const rows = await selectKeysetPage<Row>(db, params, {
    select: `SELECT ${selectList(entity, scope, true)}, ${sortColumn}::text AS "_sortKey" FROM ${tableOf(entity)} t`,
    where,
    order: { key: sortColumn, direction: query.isDescending ? 'DESC' : 'ASC' },
    after: query.after,
    limit: query.limit + 1,
  });
  const hasMore = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const sortKeys = page.map((row) => {
    const key = row['_sortKey'] as string;
    delete row['_sortKey'];
    return key;
  });
  return { items: page.map((row) => withIsoDates(row)), hasMore, lastSortKey: sortKeys.at(-1) };
}

/**
 * Reads one row within `scope`; undefined when it does not exist or is outside the scope.
 * `isPresented` adds the facts an answer presents (`presentedFacts`); without it the row is the
 * table's alone, as audit snapshots record it.
 */
export async function findEntity(
  db: Queryable,
  entity: EntityDefinition,
  scope: Scope,
  id: string,
  options: { isForUpdate?: boolean; isPresented?: boolean } = {},
): Promise<Row | undefined> {
  const params = new Params();
  const where = scopeCondition(entity.resource, scope, params);
  const { rows } = await db.query<Row>(
    `SELECT ${selectList(entity, scope, options.isPresented)} FROM ${tableOf(entity)} t WHERE t.id = ${params.add(id)} AND ${where}${options.isForUpdate ? ' FOR UPDATE' : ''}`,
    params.values,
  );
  return rows[0] && withIsoDates(rows[0]);
}

/** Column values to write, keyed by API field name or by raw column name for system columns. */
export type WriteValues = Record<string, unknown>;

/**
 * A list of objects is JSON for a jsonb column (door.opening_hours); the driver would otherwise
 * send it as a PostgreSQL array.
 */
function toParameter(value: unknown): unknown {
  return Array.isArray(value) && value.some((item) => item !== null && typeof item === 'object')
    ? JSON.stringify(value)
    : value;
}

function assignments(values: WriteValues): Array<[string, unknown]> {
  return Object.entries(values).map(([field, value]) => [toColumn(field), toParameter(value)]);
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
  municipalityId: string,
  id: string,
  values: WriteValues,
): Promise<void> {
  const params = new Params();
  const pairs = assignments(values);
  const sets = pairs.map(([column, value]) => `${column} = ${params.add(value)}`);
  sets.push('updated_at = now()');
  await db.query(
    `UPDATE ${tableOf(entity)} SET ${sets.join(', ')}
     WHERE ${municipalityColumnOf(entity)} = ${params.add(municipalityId)} AND id = ${params.add(id)}`,
    params.values,
  );
}

/** Deletes one row; a row still referenced raises PostgreSQL's foreign-key error (23503). */
export async function deleteEntity(
  db: Queryable,
  entity: EntityDefinition,
  municipalityId: string,
  id: string,
): Promise<void> {
  await db.query(`DELETE FROM ${tableOf(entity)} WHERE ${municipalityColumnOf(entity)} = $1 AND id = $2`, [
    municipalityId,
    id,
  ]);
}

/** The column that names a row's municipality (the shard it lives on): its own id for a municipality. */
function municipalityColumnOf(entity: EntityDefinition): string {
  return entity.resource === 'municipality' ? 'id' : 'municipality_id';
}

/**
 * Whether another row of an assignment table (e.g. team_customer) has the same key (e.g. team and
 * customer; an unset column matches only an unset one) for a time that overlaps `row`'s validity:
 * `validFrom`–`validUntil` instants (the end exclusive), or for a table kept in local days
 * (customer_service) `startsOn`–`endsOn` (both days included; no end, open).
 */
export async function hasOverlappingAssignment(
  db: Queryable,
  entity: EntityDefinition,
  municipalityId: string,
  key: readonly string[],
  row: Row,
): Promise<boolean> {
  const isInDays = 'startsOn' in entity.fields;
  const values: unknown[] = isInDays
    ? [municipalityId, row.id, row.startsOn, row.endsOn ?? null]
    : [municipalityId, row.id, row.validFrom, row.validUntil ?? null];
  const sameKey = key.map((field) => {
    if (row[field] == null) return `${toColumn(field)} IS NULL`;
    values.push(row[field]);
    return `${toColumn(field)} = $${values.length}`;
  });
  const overlaps = isInDays
    ? `coalesce(ends_on, 'infinity'::date) >= $3::date AND starts_on <= coalesce($4::date, 'infinity'::date)`
    : `coalesce(valid_until, 'infinity') > $3 AND valid_from < coalesce($4::timestamptz, 'infinity')`;
  const { rowCount } = await db.query(
    `SELECT 1 FROM ${tableOf(entity)} WHERE municipality_id = $1 AND ${sameKey.join(' AND ')} AND id <> $2
       AND ${overlaps}`,
    values,
  );
  return (rowCount ?? 0) > 0;
}

/** The providers a customer has chosen for a service that has not ended (R3.2). */
export const listChosenProviderIds = createColumnQuery<string, [municipalityId: string, customerId: string]>(
  `SELECT DISTINCT provider_id FROM customer_service
   WHERE municipality_id = $1 AND customer_id = $2 AND (ends_on IS NULL OR ends_on >= current_date)`,
);
