import { readVisitSettings } from '@portvakt/core';
import { findMunicipality, type Queryable } from '@portvakt/storage';

/**
 * The municipality's stored settings, `{}` when it has none: core's readers (`readVisitSettings`,
 * `readSupportSettings`, …) take their part of it and fill in their defaults.
 */
export async function readMunicipalitySettings(
  db: Queryable,
  municipalityId: string,
): Promise<Record<string, unknown>> {
  return (await findMunicipality(db, municipalityId))?.settings ?? {};
}

/** The municipality's time zone, in which its local days run (Europe/Stockholm unless set). */
export async function readMunicipalityTimeZone(db: Queryable, municipalityId: string): Promise<string> {
  return readVisitSettings(await readMunicipalitySettings(db, municipalityId)).timeZone;
}
