import { settingsWithDefaults, type Actor } from '@portvakt/core';
import type { MunicipalityRow } from '@portvakt/contract';
import {
  findMunicipality,
  findMunicipalityForUpdate,
  updateMunicipality as storeMunicipality,
  withTransaction,
} from '@portvakt/storage';
import type pg from 'pg';
import { recordChange } from '../audit';
import { authorise } from '../platform/authorise';
import { notFound } from '../platform/errors';
import { checkMunicipalitySettings } from '../platform/municipality-settings';

/** Renames the actor's municipality or changes some of its settings (the others are kept). */
export async function updateMunicipality(options: {
  db: pg.Pool;
  actor: Actor;
  input: { name?: string; settings?: Record<string, unknown> };
  requestId: string;
}): Promise<MunicipalityRow> {
  const { actor, input, requestId } = options;
  authorise(actor, 'municipality', 'update');
  if (input.settings) checkMunicipalitySettings(input.settings);
  return withTransaction(options.db, async (client) => {
    // Locked before the merge: two changes of different settings at once both stay, and `before`
    // is the row this change replaces.
    const before = await findMunicipalityForUpdate(client, actor.municipalityId);
    if (!before) throw notFound('municipality');
    await storeMunicipality(client, actor.municipalityId, {
      name: input.name,
      settings: input.settings ? { ...before.settings, ...input.settings } : undefined,
    });
    const after = (await findMunicipality(client, actor.municipalityId))!;
    await recordChange(client, actor, {
      action: 'update',
      entity: 'municipality',
      entityId: actor.municipalityId,
      before,
      after,
      requestId,
    });
    return { ...after, settings: settingsWithDefaults(after.settings) };
  });
}
