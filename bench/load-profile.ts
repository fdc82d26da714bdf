// The load bench's profile of one who-can-open answer, in the bench process on the same data:
// where the time of one answer goes, and the answer computed as before and now (they must agree).
import type pg from 'pg';
import { buildPermissionIndex, explain, whoCanOpen, type PermissionFacts } from '@portvakt/core';
import {
  loadPermissionFacts,
  readAccessPath,
  readCustomerPermissionContext,
  readPermissionFactsVersion,
} from '@portvakt/storage';

/**
 * Where one who-can-open answer's time goes, in this process on the same data: the database
 * round trips the route makes, and the answer itself computed as before (every candidate of the
 * customer's providers explained against every lock, names found by a linear search of the
 * staff) and now (core's whoCanOpen over the index's reverse edges).
 */
export async function profileWhoCanOpen(pool: pg.Pool, municipalityId: string, customerIds: string[]) {
  const loadStart = performance.now();
  const { facts } = await loadPermissionFacts(pool, municipalityId);
  const loadMs = performance.now() - loadStart;
  const buildStart = performance.now();
  const index = buildPermissionIndex(facts);
  const buildMs = performance.now() - buildStart;
  const sample = Array.from({ length: 200 }, (_, i) => customerIds[(i * 7_919) % customerIds.length]!);
  const paths = new Map<string, string[]>();
  const scope = { kind: 'municipality' as const, municipalityId };
  let queryMs = 0;
  let queryNowMs = 0;
  for (const id of sample) {
    const start = performance.now();
    await readPermissionFactsVersion(pool, municipalityId);
    await pool.query('SELECT id FROM customer WHERE id = $1 AND municipality_id = $2', [id, municipalityId]);
    const path = await readAccessPath(pool, municipalityId, id);
    queryMs += performance.now() - start;
    const nowStart = performance.now();
    await readCustomerPermissionContext(pool, scope, id);
    queryNowMs += performance.now() - nowStart;
    paths.set(
      id,
      path.flatMap((door) => (door.lockId ? [door.lockId] : [])),
    );
  }
  const before = (facts: PermissionFacts, id: string, lockIds: string[], at: number) => {
    const chosen = new Set(facts.services.filter((s) => s.customerId === id).map((s) => s.providerId));
    const granted = new Set(
      (facts.individualGrants ?? []).filter((g) => g.customerId === id).map((g) => g.staffId),
    );
    const candidates = facts.staff.filter((staff) => chosen.has(staff.providerId) || granted.has(staff.id));
    return lockIds.map((lockId) =>
      candidates.flatMap((staff) =>
        explain(index, staff.id, lockId, at).isAllowed
          ? [facts.staff.find((other) => other.id === staff.id)?.name ?? staff.id]
          : [],
      ),
    );
  };
  const at = Date.now();
  const answersBefore: string[][][] = [];
  let start = performance.now();
  for (const id of sample) answersBefore.push(before(facts, id, paths.get(id)!, at));
  const beforeMs = performance.now() - start;
  const answersNow: string[][][] = [];
  start = performance.now();
  for (const id of sample) {
    const openers = whoCanOpen(index, id, paths.get(id)!, at);
    answersNow.push(paths.get(id)!.map((lockId) => openers.get(lockId)!.map((opener) => opener.name)));
  }
  const nowMs = performance.now() - start;
  // The same people, in the same order, for every lock of every sampled customer.
  if (JSON.stringify(answersBefore) !== JSON.stringify(answersNow)) throw new Error('who-can-open differs');
  const answers = answersBefore.flat(2).length;
  return {
    loadMs,
    buildMs,
    queryMs: queryMs / sample.length,
    queryNowMs: queryNowMs / sample.length,
    beforeMs: beforeMs / sample.length,
    nowMs: nowMs / sample.length,
    openers: answers / sample.length,
  };
}
