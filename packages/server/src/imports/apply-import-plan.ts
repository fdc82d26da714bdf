import { randomBytes } from 'node:crypto';
import {
  findEntity as findEntityDefinition,
  importKindDefinitions,
  normaliseImportValue,
  systemValuesOnCreate,
  type ImportChange,
  type ImportKind,
  type ImportLineError,
  type ImportPlan,
  type ImportValue,
} from '@portvakt/core';
import { findEntity, insertEntity, readImportedRecords, type WriteValues } from '@portvakt/storage';
import type pg from 'pg';
import { withAuditedTransaction, type RecordAudit } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { ApiError, forbidden, isPgError, mapDatabaseError } from '../platform/errors';
import { checkCandidate, finishRegistryChange, updateRegistryRow } from '../registry';
import { applyCarePlanChange } from './apply-care-plan-change';

/**
 * Told after each change; the import waits for what it answers (a test holds an import open
 * mid-way this way, import-concurrency.test.ts).
 */
export type ImportProgress = (done: number, total: number) => void | Promise<void>;

type Ids = Map<ImportKind, Map<string, string>>;

/** A change's values as the registry writes them: references from the care system's ids to ours. */
function toWriteValues(change: ImportChange, ids: Ids): WriteValues {
  const definition = importKindDefinitions[change.kind];
  const values: WriteValues = {};
  for (const { field, after } of change.fields) {
    const target = definition.references[field];
    values[field] = target && typeof after === 'string' ? ids.get(target)!.get(after)! : after;
  }
  if (change.action === 'create' && definition.keyField === 'code') values.code = change.key;
  return values;
}

async function applyChange(
  client: pg.PoolClient,
  options: WriteOptions<unknown>,
  audit: RecordAudit,
  change: ImportChange,
  ids: Ids,
): Promise<void> {
  const { actor } = options;
  const entity = findEntityDefinition(importKindDefinitions[change.kind].resource);
  const registryOptions = { ...options, entity };
  const values = toWriteValues(change, ids);
  if (change.action === 'create') {
    const scope = authorise(actor, entity.resource, 'create');
    // Devices carry this random pseudonym instead of the staff member's name, as on any create.
    const system: WriteValues =
      entity.resource === 'staff_member'
        ? { pseudonym: `ps-${randomBytes(8).toString('hex')}` }
        : systemValuesOnCreate(entity, { actorLabel: actor.label, now: options.now });
    const candidate = { ...system, ...values };
    await checkCandidate(client, actor, entity, candidate, options.now);
    // The care system's id goes in with the row (districts are matched by their code).
    const id = await insertEntity(client, entity, actor.municipalityId, {
      ...candidate,
      ...(change.kind === 'districts' ? {} : { externalId: change.key }),
    });
    const row = await findEntity(client, entity, scope, id);
    if (!row) throw forbidden(`You may not create a ${entity.label} there.`);
    ids.get(change.kind)!.set(change.key, id);
    await finishRegistryChange(client, registryOptions, audit, { action: 'create', id, after: row });
    return;
  }
  const scope = authorise(actor, entity.resource, 'update');
  await updateRegistryRow(client, registryOptions, audit, {
    scope,
    id: change.id!,
    values,
    isCareSystemHistory: true,
  });
}

/**
 * A registry rule or constraint that refuses a change, as an error naming the change's file and
 * line (or the record a full import was ending); the whole import is undone.
 */
function nameLineOfError(change: ImportChange, error: unknown): unknown {
  const refusal =
    error instanceof ApiError ? error : isPgError(error) ? mapDatabaseError(error, 'POST') : undefined;
  if (!refusal) return error;
  const where = change.file
    ? `${change.file} line ${change.line}`
    : `${change.kind} ${change.key} (ending it)`;
  // Rule refusals carry their violations (each with a field), constraint ones `{ field }`.
  const details = refusal.details as { field?: string } | Array<{ field?: string }> | undefined;
  const field = (Array.isArray(details) ? details[0]?.field : details?.field) ?? '';
  // The line carries the refusal's own code (a client words it as any refusal of that code), and
  // the record it was about: `kind` and `key`, for a record a full import was ending.
  const line: ImportLineError = {
    file: change.file ?? change.kind,
    line: change.line ?? 0,
    field,
    message: refusal.message,
    code: refusal.code,
    params: { kind: change.kind, key: change.key, action: change.action },
  };
  return new ApiError(refusal.statusCode, refusal.code, `${where}: ${refusal.message} Nothing was changed.`, {
    errors: [line],
    change: { kind: change.kind, key: change.key, action: change.action },
  });
}

/**
 * Applies a planned import in one transaction: every change through the registry's write path
 * (core's rules, the registry hooks, an audit entry), each audit entry carrying the import's id
 * as its request id, then one `import` entry with the counts. A change that breaks a rule undoes
 * the whole import.
 */
export async function applyImportPlan(
  options: WriteOptions<{ importId: string; plan: ImportPlan; onProgress?: ImportProgress }>,
): Promise<void> {
  const { actor, input } = options;
  authorise(actor, 'care_system_import', 'create');
  const requestId = `import:${input.importId}`;
  const changes = input.plan.changes;
  await withAuditedTransaction(
    { ...options, requestId },
    async (client, audit) => {
      const ids: Ids = new Map(
        (Object.keys(importKindDefinitions) as ImportKind[]).map((kind) => [kind, new Map<string, string>()]),
      );
      const kinds = Object.keys(importKindDefinitions) as ImportKind[];
      // Care-plan rows are upserted whole, so an update needs the record's other values too.
      const carePlanValues = new Map<string, Record<string, ImportValue>>();
      for (const row of await readImportedRecords(client, actor.municipalityId, kinds)) {
        ids.get(row.kind)!.set(row.key, row.id);
        const { fields, isCarePlan } = importKindDefinitions[row.kind];
        if (!isCarePlan) continue;
        carePlanValues.set(
          `${row.kind} ${row.key}`,
          Object.fromEntries(
            Object.entries(fields).map(([field, type]) => [
              field,
              normaliseImportValue(type, row.values[field]),
            ]),
          ),
        );
      }
      for (const [i, change] of changes.entries()) {
        try {
          if (importKindDefinitions[change.kind].isCarePlan) {
            const before = carePlanValues.get(`${change.kind} ${change.key}`);
            await applyCarePlanChange(client, options, audit, change, before, ids);
          } else await applyChange(client, { ...options, requestId }, audit, change, ids);
        } catch (error) {
          throw nameLineOfError(change, error);
        }
        await input.onProgress?.(i + 1, changes.length);
      }
      const counts = { create: 0, update: 0, end: 0 };
      for (const change of changes) counts[change.action] += 1;
      await audit({
        action: 'import',
        entity: 'care_system_import',
        entityId: input.importId,
        after: { ...counts, unchanged: input.plan.unchanged },
      });
      // The audit entries are written after the rows, so the audit chain is locked only for that
      // step, not for the whole import (docs/imports.md).
    },
    { isAuditWrittenLast: true },
  );
}
