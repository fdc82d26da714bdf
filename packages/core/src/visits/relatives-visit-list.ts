// The relatives' visit list (R5.1, issue #11 item 7; docs/visits.md "Relatives' visit list"):
// the customer's stored visits, the same ones billing counts, with staff named by first name or
// a role word as the municipality decides, and a period of whole local days stated with both
// ends included. Pure: the visits come from storage, the clock from the caller.
import { formatEpochDay, parseIsoDate, type ZoneClock } from '../access';
import type { StaffOccupation } from '../registry';
import type { RelativesVisitState } from './visit-rules';

/** How the list names staff: their first name, or what they work as. Never a pseudonym. */
export const relativesStaffNamings = ['first_name', 'role_word'] as const;
export type RelativesStaffNaming = (typeof relativesStaffNamings)[number];

/** Unset, the list names no one: a role word reveals the least (the old default showed pseudonyms). */
export function readRelativesStaffNaming(settings: Record<string, unknown>): RelativesStaffNaming {
  return settings.relativesStaffNaming === 'first_name' ? 'first_name' : 'role_word';
}

/** Role words in Swedish, the list's language; "Personal" when the occupation is not recorded. */
export const staffRoleWordsSv: Record<StaffOccupation, string> = {
  assistant_nurse: 'Undersköterska',
  care_assistant: 'Vårdbiträde',
  nurse: 'Sjuksköterska',
};
export const unknownStaffRoleWordSv = 'Personal';

/**
 * What relatives may know of one member of staff: the first name, or else only what they work as
 * (null when not recorded). A client puts the role into words in the reader's language.
 */
export interface RelativesStaffShown {
  givenName: string | null;
  occupation: StaffOccupation | null;
}

export function showStaffToRelatives(
  naming: RelativesStaffNaming,
  staff: { givenName: string; occupation: StaffOccupation | null },
): RelativesStaffShown {
  if (naming === 'first_name') return { givenName: staff.givenName, occupation: null };
  return { givenName: null, occupation: staff.occupation };
}

/** One member of staff as the list's Swedish files name them. */
export function nameStaffForRelatives(
  naming: RelativesStaffNaming,
  staff: { givenName: string; occupation: StaffOccupation | null },
): string {
  return wordStaffSv(showStaffToRelatives(naming, staff));
}

/** What relatives may know of a member of staff, in Swedish words. */
export function wordStaffSv(shown: RelativesStaffShown): string {
  if (shown.givenName !== null) return shown.givenName;
  return shown.occupation ? staffRoleWordsSv[shown.occupation] : unknownStaffRoleWordSv;
}

/**
 * What relatives read for each state in the list's Swedish files (the console words `state`). A
 * declined visit is listed ("the customer declined"): staff came, which relatives want to know,
 * and billing counts it as nothing, which the minutes say. A voided one (registered by
 * mistake) is not listed at all (`hasVisitHappened`).
 */
export const relativesVisitStatesSv: Record<RelativesVisitState, string> = {
  registered: 'Registrerat',
  incomplete: 'Avfärd saknas',
  declined: 'Avböjt av kunden',
  approved: 'Attesterat',
  corrected: 'Rättat',
};

/** Customer minutes as billing counts them: none for a declined visit, unknown without departure. */
export function countRelativesVisitMinutes(visit: {
  state: RelativesVisitState;
  arrival: number;
  departure: number | null;
}): number | null {
  if (visit.state === 'declined') return 0;
  if (visit.departure === null) return null;
  return Math.round((visit.departure - visit.arrival) / 60_000);
}

/** The longest list one request asks for: a year. */
export const maxRelativesListDays = 366;

export interface ListDays {
  /** First and last local day, both included (YYYY-MM-DD). */
  firstDay: string;
  lastDay: string;
  /** The instants the days cover: [start of firstDay, start of the day after lastDay). */
  from: number;
  to: number;
}

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/**
 * The whole local days a list covers. `from` and `to` are days (both included) or instants
 * (`to` excluded, as everywhere in the API); an instant widens to its whole day, so the period
 * the list states is the period it shows. Without `to` the list ends today, without `from` it
 * is the 31 days up to `to`. Undefined for a period that ends before it starts or is too long.
 */
export function resolveListDays(
  input: { from?: string | undefined; to?: string | undefined },
  now: number,
  clock: ZoneClock,
): ListDays | undefined {
  const dayOf = (at: number) => Math.floor(clock.toLocal(Math.floor(at / 60_000)) / 1440);
  const toDay = (value: string, isEnd: boolean) => {
    if (isDay(value)) return parseIsoDate(value);
    const at = Date.parse(value);
    return Number.isNaN(at) ? undefined : dayOf(isEnd ? at - 1 : at);
  };
  let first: number | undefined;
  let last: number | undefined;
  try {
    last = input.to ? toDay(input.to, true) : dayOf(now);
    first = input.from ? toDay(input.from, false) : last === undefined ? undefined : last - 30;
  } catch {
    return undefined; // not a calendar date (2026-02-30)
  }
  if (first === undefined || last === undefined) return undefined;
  if (first > last || last - first + 1 > maxRelativesListDays) return undefined;
  const startOf = (epochDay: number) => clock.fromLocal(epochDay * 1440) * 60_000;
  return {
    firstDay: formatEpochDay(first),
    lastDay: formatEpochDay(last),
    from: startOf(first),
    to: startOf(last + 1),
  };
}

const monthsSv = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];

/**
 * A period of days in Swedish with both ends included, as few words as it takes:
 * "5 november 2026", "1–30 november 2026", "28 november – 3 december 2026",
 * "28 december 2026 – 3 januari 2027".
 */
export function describeListDaysSv(firstDay: string, lastDay: string): string {
  const [fy, fm, fd] = firstDay.split('-').map(Number) as [number, number, number];
  const [ly, lm, ld] = lastDay.split('-').map(Number) as [number, number, number];
  const month = (m: number) => monthsSv[m - 1]!;
  if (firstDay === lastDay) return `${fd} ${month(fm)} ${fy}`;
  if (fy === ly && fm === lm) return `${fd}–${ld} ${month(fm)} ${fy}`;
  if (fy === ly) return `${fd} ${month(fm)} – ${ld} ${month(lm)} ${ly}`;
  return `${fd} ${month(fm)} ${fy} – ${ld} ${month(lm)} ${ly}`;
}
