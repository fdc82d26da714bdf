// Calendar days in the browser's zone (today, the address's `?day=`, a day's bounds) and the dates
// the translator writes (formatDate, formatDateTime in i18n.ts). "Today" is always the local day:
// the UTC date (`toISOString().slice(0, 10)`) is still yesterday for the first hours after
// midnight in Sweden.

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
  /** YYYY-MM-DD. */
  iso: string;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** The local calendar day of `date` as YYYY-MM-DD. */
export const toDayString = (date: Date) =>
  `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** Today in the browser's zone as YYYY-MM-DD. */
export const localToday = (now = new Date()) => toDayString(now);

/** Local midnight of a YYYY-MM-DD day, shifted by `days`. */
export function startOfDay(day: string, days = 0): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date + days);
}

/** Whether `value` is written as a day, YYYY-MM-DD. */
export const isDayString = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The address's `name` when it is a day (YYYY-MM-DD), else the day of `fallback`. */
export function readDayParam(params: URLSearchParams, name: string, fallback: Date): string {
  const asked = params.get(name) ?? '';
  return isDayString(asked) ? asked : toDayString(fallback);
}

/**
 * Whether something whose last day is `endsOn` (a service, an employment; none: open-ended) still
 * holds on `day`. Both are YYYY-MM-DD, which compare as text.
 */
export function isCurrentOn(endsOn: string | null | undefined, day: string): boolean {
  return !endsOn || endsOn >= day;
}

/**
 * The calendar day `value` names: a YYYY-MM-DD date as written (never through `new Date`, which
 * reads it as UTC midnight, the day before west of UTC), an instant as its local day; undefined
 * for anything else.
 */
export function readCalendarDay(value: string): CalendarDay | undefined {
  const written = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (written) {
    return { year: Number(written[1]), month: Number(written[2]), day: Number(written[3]), iso: value };
  }
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return undefined;
  return {
    year: instant.getFullYear(),
    month: instant.getMonth() + 1,
    day: instant.getDate(),
    iso: toDayString(instant),
  };
}

// What formatDate and formatDateTime write, in either language: "2026-12-03", "3 Dec 2026",
// "3 dec. 2026 14:05", "3 Sept 2026, 14:05".
const date = String.raw`(?:\d{4}-\d{2}-\d{2}|\d{1,2} \p{L}{3,5}\.? \d{4}(?:,? \d{1,2}:\d{2})?)`;
const dateText = new RegExp(String.raw`^${date}(?: –(?: ${date})?)?$`, 'u');

// The pieces no line may break inside: a day, and a time of day.
const unbroken = /\d{4}-\d{2}-\d{2}|\d{1,2} \p{L}{3,5}\.? \d{4},?|\d{1,2}:\d{2}/gu;

/**
 * Whether a table cell's text is a date or a date-time as the translator writes them, or a range
 * of them ("2026-01-07 – 2026-06-30", "3 Dec 2026 –").
 */
export function isDateText(text: string): boolean {
  return dateText.test(text.replace(/\s+/gu, ' ').trim());
}

/**
 * A date cell's text in the pieces a line may not break inside ("3 dec. 2026", "14:05") and the
 * spaces and dashes between them, where it may; undefined for text that is no date.
 */
export function splitDateText(text: string): Array<{ text: string; isUnbroken: boolean }> | undefined {
  if (!isDateText(text)) return undefined;
  const parts: Array<{ text: string; isUnbroken: boolean }> = [];
  let end = 0;
  for (const match of text.matchAll(unbroken)) {
    if (match.index > end) parts.push({ text: text.slice(end, match.index), isUnbroken: false });
    parts.push({ text: match[0], isUnbroken: true });
    end = match.index + match[0].length;
  }
  if (end < text.length) parts.push({ text: text.slice(end), isUnbroken: false });
  return parts;
}
