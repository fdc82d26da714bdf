// Break-glass openings (docs/visits.md "Break-glass"): among the openings at a windowed customer's
// own doors by the alarm-serving provider's staff during a break-glass window, those that no
// planned visit's window (± margin) allowed. Each must be reviewed by the work lead. Pure.
import { isOnlyBreakGlass } from '../access';

/** An opening's id: the stored lock record it is, `<device id>.<sequence>`. */
export function toBreakGlassOpeningId(deviceId: string, sequence: string | number | bigint): string {
  return `${deviceId}.${sequence}`;
}

/** The lock record an opening id names, or undefined when it is not one. */
export function parseBreakGlassOpeningId(id: string): { deviceId: string; sequence: string } | undefined {
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([0-9]{1,18})$/.exec(id);
  return match ? { deviceId: match[1]!, sequence: match[2]! } : undefined;
}

/** One opening in one break-glass window (an opening in two overlapping windows comes twice). */
export interface BreakGlassCandidate {
  deviceId: string;
  sequence: string;
  customerId: string;
  providerId: string;
  /** Epoch ms. */
  occurredAt: number;
  windowStartsAt: number;
  windowEndsAt: number;
}

/**
 * The candidates whose opening only a break-glass window allowed, once per lock record (with its
 * earliest window, as given first): none of `plannedVisits` of the same customer and provider,
 * widened by `marginMinutes`, covers it. Keeps the candidates' order.
 */
export function selectBreakGlassOpenings<T extends BreakGlassCandidate>(
  candidates: readonly T[],
  plannedVisits: readonly { customerId: string; providerId: string; startsAt: number; endsAt: number }[],
  marginMinutes: number,
): T[] {
  const windowsOf = new Map<string, { startsAt: number; endsAt: number }[]>();
  for (const c of candidates) {
    const key = toBreakGlassOpeningId(c.deviceId, c.sequence);
    const list = windowsOf.get(key) ?? [];
    list.push({ startsAt: c.windowStartsAt, endsAt: c.windowEndsAt });
    windowsOf.set(key, list);
  }
  const seen = new Set<string>();
  return candidates.filter((c) => {
    const key = toBreakGlassOpeningId(c.deviceId, c.sequence);
    if (seen.has(key)) return false;
    seen.add(key);
    return isOnlyBreakGlass(c.occurredAt, {
      marginMinutes,
      plannedVisits: plannedVisits.filter(
        (v) => v.customerId === c.customerId && v.providerId === c.providerId,
      ),
      breakGlass: windowsOf.get(key)!,
    });
  });
}
