// Calendar days and the dates the translator writes (formatDate, formatDateTime in i18n.ts).

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
  /** YYYY-MM-DD. */
  iso: string;
}

const pad = (value: number) => String(value).padStart(2, '0');

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
  const [year, month, day] = [instant.getFullYear(), instant.getMonth() + 1, instant.getDate()];
  return { year, month, day, iso: `${year}-${pad(month)}-${pad(day)}` };
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
