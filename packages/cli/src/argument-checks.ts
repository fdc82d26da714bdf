// Command-line values checked before anything is touched (no database, no request), so a typo
// never reaches SQL or the API and is refused with the flag, the value and an example: ids
// (UUIDs) and periods (`--from`, `--to`).
import { isRecordId } from '@portvakt/contract';
import { createZoneClock, parseIsoDate } from '@portvakt/core';

const exampleId = '3f2b8c1e-5a47-4d0e-9b61-2c7e4f9a0d13';

/** A day, or a day and a time with its offset (RFC 3339, seconds optional). */
const timePattern =
  /^(\d{4}-\d{2}-\d{2})(?:T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d))?$/i;
const timeExamples = 'a day such as 2026-11-30 or an ISO time such as 2026-11-30T08:00:00+01:00';

/** Whether `value` is shaped like an id (a UUID). */
export function isId(value: string): boolean {
  return isRecordId(value);
}

/**
 * Throws unless `value` is an id (a UUID): `"x" is not a lock id (an id looks like …)`, after
 * `flag` when the id came with one.
 */
export function checkId(value: string, what: string, flag?: string): string {
  if (!isId(value))
    throw new Error(
      `${flag ? `${flag}: ` : ''}"${value}" is not a ${what} id (an id looks like ${exampleId})`,
    );
  return value;
}

/**
 * A `--from` or `--to` value: a day is its 00:00 in `dayZone` (00:00 UTC without one), a time
 * with its offset is that instant; undefined when the flag was left out.
 */
export function parseTimeFlag(flag: string, value: string | undefined, dayZone?: string): Date | undefined {
  if (value === undefined) return undefined;
  const match = timePattern.exec(value);
  if (!match) throw new Error(`${flag} must be ${timeExamples}, not "${value}"`);
  // The calendar check the API's days get (core's parseIsoDate): 2026-11-31 is no day, not 1 December.
  try {
    parseIsoDate(match[1]!);
  } catch {
    throw new Error(`${flag}: ${match[1]} is not a date in the calendar ("${value}"); use ${timeExamples}`);
  }
  if (value.length !== 10) return new Date(value.toUpperCase());
  const utcMidnight = Date.parse(`${value}T00:00:00Z`);
  if (!dayZone) return new Date(utcMidnight);
  return new Date(createZoneClock(dayZone).fromLocal(utcMidnight / 60_000) * 60_000);
}

/**
 * `--from` and `--to` as instants, days at their midnight in `dayZone` (UTC without one); a
 * period that does not end after it starts is refused.
 */
export function parsePeriodFlags(
  options: { from?: string | undefined; to?: string | undefined },
  dayZone?: string,
): {
  from: Date | undefined;
  to: Date | undefined;
} {
  const from = parseTimeFlag('--from', options.from, dayZone);
  const to = parseTimeFlag('--to', options.to, dayZone);
  if (from && to && from >= to)
    throw new Error(`--from must be before --to: ${options.from} is not before ${options.to}`);
  return { from, to };
}
