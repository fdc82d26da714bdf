// The municipality's hourly rates per time band (docs/visits.md "Settings", "Compensation run"):
// which tables a run can price every day from, and whether a month can be priced at all. A visit
// may fall in any band on any day, so every band needs exactly one rate on every day the table
// covers. Pure.
import { timeBands, type BandRate, type TimeBand } from './compensation';

/** What is wrong with a rate table, or with the days a run would price from it. */
export interface RateProblem {
  /** `ends_before_start`: a rate's period is reversed; `overlapping_rates`: two rates of a band on one day; `no_rate_for_day`: none. */
  code: 'ends_before_start' | 'overlapping_rates' | 'no_rate_for_day';
  /** The rate it is about (`settings.compensationRates.2.validFrom`), or the whole table. */
  field: string;
  band: TimeBand;
  /** The first local day (YYYY-MM-DD) the problem is on. */
  day: string;
  message: string;
}

const tableField = 'settings.compensationRates';

/** The ISO day after `day`. */
function dayAfter(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

/** Whether an amount in kronor is whole öre: at most two decimals, as an invoice states it. */
export function isWholeOre(amount: number): boolean {
  return Number(amount.toFixed(2)) === amount;
}

const overlap = (band: TimeBand, day: string, field: string): RateProblem => ({
  code: 'overlapping_rates',
  field,
  band,
  day,
  message: `Two ${band} rates are valid on ${day}; each band has one rate a day.`,
});

const uncovered = (band: TimeBand, day: string, field = tableField): RateProblem => ({
  code: 'no_rate_for_day',
  field,
  band,
  day,
  message: `No ${band} rate is valid on ${day}; each band needs a rate for every day.`,
});

/**
 * The first problem of a rate table, or null when a run can price every day it covers: no period
 * ends before it starts; per band, no two rates share a day and no day is left out between the
 * table's first day (its earliest `validFrom`) and its last (the latest `validTo`, or none when a
 * rate is open-ended). A band that starts later or ends sooner than the others leaves days out.
 */
export function judgeCompensationRates(rates: readonly BandRate[]): RateProblem | null {
  const indexed = rates.map((rate, index) => ({ ...rate, index }));
  const reversed = indexed.find((rate) => rate.validTo !== null && rate.validTo < rate.validFrom);
  if (reversed)
    return {
      code: 'ends_before_start',
      field: `${tableField}.${reversed.index}.validTo`,
      band: reversed.band,
      day: reversed.validTo!,
      message: `The ${reversed.band} rate from ${reversed.validFrom} ends before it starts (${reversed.validTo}).`,
    };
  if (indexed.length === 0) return null;
  const first = indexed.reduce(
    (day, rate) => (rate.validFrom < day ? rate.validFrom : day),
    indexed[0]!.validFrom,
  );
  const last = indexed.some((rate) => rate.validTo === null)
    ? null
    : indexed.reduce((day, rate) => (rate.validTo! > day ? rate.validTo! : day), first);
  for (const band of timeBands) {
    const own = indexed
      .filter((rate) => rate.band === band)
      .sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    // The next day the band still needs a rate for; null once an open-ended rate covers the rest.
    let next: string | null = first;
    for (const rate of own) {
      const field = `${tableField}.${rate.index}.validFrom`;
      if (next === null || rate.validFrom < next) return overlap(band, rate.validFrom, field);
      if (rate.validFrom > next) return uncovered(band, next, field);
      next = rate.validTo === null ? null : dayAfter(rate.validTo);
    }
    if (next !== null && (last === null || next <= last)) return uncovered(band, next);
  }
  return null;
}

/**
 * The first day in [firstDay, lastDay] (local dates) on which a band has no rate or more than
 * one, or null when a run over those days can price every visit. Stored tables may predate the
 * table's check (`judgeCompensationRates`), so a run asks this before it prices anything.
 */
export function judgeRatesForDays(
  rates: readonly BandRate[],
  firstDay: string,
  lastDay: string,
): RateProblem | null {
  for (let day = firstDay; day <= lastDay; day = dayAfter(day))
    for (const band of timeBands) {
      const valid = rates.filter(
        (rate) =>
          rate.band === band && rate.validFrom <= day && (rate.validTo === null || day <= rate.validTo),
      );
      if (valid.length === 0) return uncovered(band, day);
      if (valid.length > 1) return overlap(band, day, tableField);
    }
  return null;
}
