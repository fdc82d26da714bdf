// The employment-end sweep (docs/permissions.md "Employment"): a staff member's keys work through
// the last day of their employment (local); once that day has passed, every key they still hold
// is blocked, as ending an employment by hand with a past day does (registry-hooks.ts). An end set
// in advance has no write on the day it passes, so this runs from a periodic job
// (employment-end-job.ts) and on the clock it is given.
import { employmentEndJobLabel } from '@portvakt/contract';
import { findEntity as findEntityDefinition, localToday } from '@portvakt/core';
import {
  addToBlockList,
  appendAudit,
  findEntity,
  listActiveKeysOfEndedEmployments,
  listMunicipalityIds,
  updateEntity,
  withTransaction,
} from '@portvakt/storage';
import type pg from 'pg';

const keyEntity = findEntityDefinition('digital_key');

/** What one sweep did: the keys it blocked. */
export interface EmploymentEndSweep {
  blocked: string[];
}

/**
 * Blocks, in each municipality in one transaction, every active key whose holder's employment
 * ended before the local day of `now`: status `blocked` with reason `employment_ended`, on the
 * block list, each audited as a `block` by `employmentEndJobLabel`. Safe to repeat and to run in
 * several processes at once: only active keys are taken, locked, and a key already on the block
 * list keeps its entry.
 */
export async function blockKeysOfEndedEmployments({
  pool,
  now,
}: {
  pool: pg.Pool;
  now: Date;
}): Promise<EmploymentEndSweep> {
  const today = localToday(now);
  const blocked: string[] = [];
  for (const municipalityId of await listMunicipalityIds(pool)) {
    const scope = { kind: 'municipality' as const, municipalityId };
    await withTransaction(pool, async (client) => {
      for (const keyId of await listActiveKeysOfEndedEmployments(client, municipalityId, today)) {
        const before = await findEntity(client, keyEntity, scope, keyId);
        await updateEntity(client, keyEntity, municipalityId, keyId, {
          status: 'blocked',
          statusReason: 'employment_ended',
        });
        const after = await findEntity(client, keyEntity, scope, keyId);
        await appendAudit(client, {
          municipalityId,
          actorUserId: null,
          actorTokenId: null,
          actorLabel: employmentEndJobLabel,
          actorRole: null,
          action: 'block',
          entity: keyEntity.resource,
          entityId: keyId,
          before,
          after,
          requestId: null,
        });
        await addToBlockList(client, {
          municipalityId,
          digitalKeyId: keyId,
          reason: 'employment_ended',
          blockedBy: employmentEndJobLabel,
        });
        blocked.push(keyId);
      }
    });
  }
  return { blocked };
}
