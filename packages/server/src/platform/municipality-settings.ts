import {
  isWholeOre,
  judgeCompensationRates,
  judgeSupportHours,
  readVisitSettings,
  type BandRate,
  type RateProblem,
} from '@portvakt/core';
import { findMunicipality, type Queryable } from '@portvakt/storage';
import { ApiError, invalidRequest, throwIfRefused } from './errors';

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

/**
 * Refuses settings no later read could use, before anything is stored: compensation rates in
 * fractions of öre (400 at the amount, as the schema refuses a shape), and a rate table a run
 * could not price every day from (422: a reversed period, two rates of a band on one day, or a
 * day without one; docs/visits.md "Settings"), and support hours that end at or before they start
 * (422 support_hours_reversed; docs/support.md "Support hours").
 */
export function checkMunicipalitySettings(settings: Record<string, unknown>): void {
  const hours = settings.supportHours as { from: string; until: string } | undefined;
  if (hours) throwIfRefused(judgeSupportHours(hours));
  const rates = settings.compensationRates as readonly BandRate[] | undefined;
  if (rates === undefined) return;
  const fractional = rates.findIndex((rate) => !isWholeOre(rate.perHour));
  if (fractional >= 0)
    throw invalidRequest([
      {
        field: `body.settings.compensationRates.${fractional}.perHour`,
        problem: 'multipleOf',
        message: 'must be in whole öre (at most two decimals)',
      },
    ]);
  const problem = judgeCompensationRates(rates);
  if (problem) throw refuseRates(problem);
}

/** A rate table's problem as its 422, the band and first day named for the client to show. */
export function refuseRates({ code, field, band, day, message }: RateProblem): ApiError {
  return new ApiError(422, code, message, { field, band, day });
}
