// Local calendar days as the visit pages keep them in the address (`?day=`, `?week=`, `?from=`).

const pad = (value: number) => String(value).padStart(2, '0');

/** A local calendar day as YYYY-MM-DD. */
export const toDayString = (date: Date) =>
  `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** Local midnight of a YYYY-MM-DD day, shifted by `days`. */
export function startOfDay(day: string, days = 0): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date + days);
}

/** The address's `name` when it is a day (YYYY-MM-DD), else the day of `fallback`. */
export function readDayParam(params: URLSearchParams, name: string, fallback: Date): string {
  const asked = params.get(name) ?? '';
  return /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : toDayString(fallback);
}
