// Calendar days as the translator reads them (formatDate in i18n.ts).

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
