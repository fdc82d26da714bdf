// Local wall-clock helpers for `datetime-local` inputs and service windows ("22:00"–"07:00").

export interface ServiceWindow {
  from: string;
  to: string;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** `datetime-local` wants local wall-clock time without a zone. */
export function toLocalInputValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Reads a `datetime-local` value as an instant; undefined when empty or malformed. */
export function fromLocalInputValue(value: string): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function atClock(day: Date, clock: string): Date {
  const [hours, minutes] = clock.split(':').map(Number);
  const result = new Date(day);
  result.setHours(hours ?? 0, minutes ?? 0, 0, 0);
  return result;
}

/**
 * The end of "today's shift" for a provider: the end of the service window that contains `now`
 * (or the next one to start today), e.g. 07:00 tomorrow for a 22:00–07:00 night patrol. Without
 * windows (served around the clock) the day shift's 22:00, or eight hours on when that is past.
 */
export function suggestEndOfShift(windows: readonly ServiceWindow[] | undefined, now = new Date()): Date {
  const candidates: Array<{ start: Date; end: Date }> = [];
  for (const window of windows ?? []) {
    for (const offset of [-1, 0, 1]) {
      const day = new Date(now);
      day.setDate(day.getDate() + offset);
      const start = atClock(day, window.from);
      let end = atClock(day, window.to === '24:00' ? '00:00' : window.to);
      if (end.getTime() <= start.getTime()) end = new Date(end.getTime() + 24 * 3600 * 1000);
      candidates.push({ start, end });
    }
  }
  const current = candidates
    .filter(({ start, end }) => start.getTime() <= now.getTime() && now.getTime() < end.getTime())
    .sort((a, b) => b.end.getTime() - a.end.getTime())[0];
  if (current) return current.end;
  const next = candidates
    .filter(({ start }) => start.getTime() > now.getTime())
    .sort((a, b) => a.start.getTime() - b.start.getTime())[0];
  if (next) return next.end;
  const evening = atClock(now, '22:00');
  if (evening.getTime() - now.getTime() >= 60 * 60 * 1000) return evening;
  const later = new Date(now.getTime() + 8 * 3600 * 1000);
  later.setMinutes(0, 0, 0);
  later.setHours(later.getHours() + 1);
  return later;
}

export type Phase = 'current' | 'upcoming' | 'ended';

/** Where a validity range stands at `now`. */
export function findValidityPhase(
  range: { validFrom: string | null; validUntil: string | null },
  now = Date.now(),
): Phase {
  if (range.validFrom && Date.parse(range.validFrom) > now) return 'upcoming';
  if (range.validUntil && Date.parse(range.validUntil) <= now) return 'ended';
  return 'current';
}
