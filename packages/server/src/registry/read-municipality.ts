import { settingsWithDefaults, type Actor } from '@portvakt/core';
import type { MunicipalityRow } from '@portvakt/contract';
import { findMunicipality, type Queryable } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import { notFound } from '../platform/errors';

/** The actor's own municipality (the tenant), a setting never changed showing its default. */
export async function readMunicipality(options: { db: Queryable; actor: Actor }): Promise<MunicipalityRow> {
  const { db, actor } = options;
  authorise(actor, 'municipality', 'read');
  const municipality = await findMunicipality(db, actor.municipalityId);
  if (!municipality) throw notFound('municipality');
  return { ...municipality, settings: settingsWithDefaults(municipality.settings) };
}
