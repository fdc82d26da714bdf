// Scoped counts for exports (docs/exports.md): how many rows an export will hold, counted with the
// very scope conditions its list reads use, so a total never reveals a row the list would not.
import type { Resource, Scope } from '@portvakt/core';
import { Params, type Queryable } from '../platform/queryable';
import { scopeCondition } from '../registry';
import { workOrderScopeCondition } from '../work-orders';

async function countWhere(db: Queryable, table: string, where: string[], params: Params): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM ${table} t WHERE ${where.join(' AND ')}`,
    params.values,
  );
  return Number(rows[0]!.n);
}

/** Rows of a registry resource (its table is named by it) or of work orders inside `scope`. */
export async function countScopedRows(db: Queryable, resource: Resource, scope: Scope): Promise<number> {
  const params = new Params();
  const inScope =
    resource === 'work_order'
      ? workOrderScopeCondition(scope, params)
      : scopeCondition(resource, scope, params);
  return countWhere(db, resource, [inScope], params);
}

/** Current versions of visits arriving in [from, to) inside `scope` (the visit list's rows). */
export async function countScopedVisits(
  db: Queryable,
  scope: Scope,
  period: { from: Date; to: Date },
): Promise<number> {
  const params = new Params();
  return countWhere(
    db,
    'visit',
    [
      scopeCondition('visit', scope, params),
      't.superseded_at IS NULL',
      `t.arrival_at >= ${params.add(period.from)}`,
      `t.arrival_at < ${params.add(period.to)}`,
    ],
    params,
  );
}
