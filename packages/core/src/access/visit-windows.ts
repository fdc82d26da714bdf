// Visit-window mode (DESIGN §6, issue #11 item 9; docs/permissions.md "Visit-window mode"): for a
// customer under the mode, staff open the customer's own doors only around their provider's
// planned visits, and the alarm-serving provider's staff for a while after the customer's alarm
// (break-glass). The rules here are pure; planned visits and break-glass windows are read by
// storage and handed to the compiler.
import type { DoorKind } from '../registry/index';
import type { InstantInput } from './permission-facts';
import { mergeIntervals } from './time-windows';

/**
 * The customer's own doors, which the mode restricts: the apartment door and a key safe or key
 * tube on the way in. Entrances (shared by the whole building) and shared rooms stay as they are:
 * closing a stairwell door to one customer's schedule would shut out every other resident's staff.
 */
export const visitWindowDoorKinds: readonly DoorKind[] = ['apartment_door', 'key_safe', 'key_tube'];

/** The municipality's setting `visitWindowMode` (municipality.settings), with its defaults. */
export interface VisitWindowSettings {
  /** Whether customers are under the mode unless their own setting says otherwise. */
  isEnabled: boolean;
  /** Minutes before a planned visit's window opens and after it closes that staff may still open. */
  marginMinutes: number;
  /** How long an alarm opens the customer's doors to the alarm-serving provider's staff. */
  breakGlassMinutes: number;
}

export const defaultVisitWindowSettings: VisitWindowSettings = {
  isEnabled: false,
  marginMinutes: 30,
  breakGlassMinutes: 60,
};

/** Reads `settings.visitWindowMode` ({ enabled, marginMinutes, breakGlassMinutes }) with defaults. */
export function readVisitWindowSettings(settings: Record<string, unknown> | undefined): VisitWindowSettings {
  const raw = settings?.visitWindowMode;
  const mode = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const number = (value: unknown, fallback: number) =>
    typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : fallback;
  return {
    isEnabled: mode.enabled === true,
    marginMinutes: number(mode.marginMinutes, defaultVisitWindowSettings.marginMinutes),
    breakGlassMinutes: number(mode.breakGlassMinutes, defaultVisitWindowSettings.breakGlassMinutes),
  };
}

/**
 * Whether a customer is under the mode: the customer's own setting (`customer.visit_window_mode`)
 * when set, otherwise the municipality's. Storage applies the same rule in SQL where it reads only
 * such customers (`coalesce(c.visit_window_mode, <municipality>)`).
 */
export function isVisitWindowed(
  municipalityDefault: boolean,
  customerSetting: boolean | null | undefined,
): boolean {
  return customerSetting ?? municipalityDefault;
}

/** A planned visit of the care system: the provider's staff may come within its window (± margin). */
export interface PlannedVisitWindowFact {
  customerId: string;
  providerId: string;
  startsAt: InstantInput;
  endsAt: InstantInput;
}

/** A break-glass window opened by the customer's alarm for the alarm-serving provider. */
export interface BreakGlassWindowFact {
  id?: string;
  customerId: string;
  providerId: string;
  startsAt: InstantInput;
  endsAt: InstantInput;
}

/** What the compiler needs about windowed customers for one ticket (one staff member's provider). */
export interface VisitWindowFacts {
  marginMinutes: number;
  plannedVisits: readonly PlannedVisitWindowFact[];
  breakGlassWindows: readonly BreakGlassWindowFact[];
}

export const noVisitWindows: VisitWindowFacts = {
  marginMinutes: 0,
  plannedVisits: [],
  breakGlassWindows: [],
};

function toMs(value: InstantInput, what: string): number {
  const ms =
    typeof value === 'number' ? value : value instanceof Date ? value.getTime() : Date.parse(String(value));
  if (!Number.isFinite(ms)) throw new RangeError(`${what}: not a valid instant`);
  return ms;
}

/** One customer's allowed instants for one provider, as merged [from, until) epoch-minute pairs. */
export interface CustomerVisitWindows {
  /** Planned visits with the margin either side. */
  planned: number[];
  /** Break-glass windows. */
  breakGlass: number[];
  /** Both: what the customer's own doors are open for. */
  all: number[];
}

/**
 * The allowed minutes per customer for staff of `providerId`: planned visits widened by the margin
 * and break-glass windows, only those of that provider. Starts are rounded up and ends down to the
 * minute, so rounding never widens access.
 */
export function visitWindowsOfProvider(
  facts: VisitWindowFacts,
  providerId: string,
): Map<string, CustomerVisitWindows> {
  const margin = facts.marginMinutes * 60_000;
  const pieces = new Map<string, { planned: number[]; breakGlass: number[] }>();
  const entry = (customerId: string) => {
    let found = pieces.get(customerId);
    if (!found) pieces.set(customerId, (found = { planned: [], breakGlass: [] }));
    return found;
  };
  for (const visit of facts.plannedVisits) {
    if (visit.providerId !== providerId) continue;
    entry(visit.customerId).planned.push(
      Math.ceil((toMs(visit.startsAt, 'planned visit start') - margin) / 60_000),
      Math.floor((toMs(visit.endsAt, 'planned visit end') + margin) / 60_000),
    );
  }
  for (const window of facts.breakGlassWindows) {
    if (window.providerId !== providerId) continue;
    entry(window.customerId).breakGlass.push(
      Math.ceil(toMs(window.startsAt, 'break-glass start') / 60_000),
      Math.floor(toMs(window.endsAt, 'break-glass end') / 60_000),
    );
  }
  const result = new Map<string, CustomerVisitWindows>();
  for (const [customerId, { planned, breakGlass }] of pieces) {
    result.set(customerId, {
      planned: mergeIntervals(planned),
      breakGlass: mergeIntervals(breakGlass),
      all: mergeIntervals([...planned, ...breakGlass]),
    });
  }
  return result;
}

/**
 * Whether an opening at `at` (epoch ms) was possible only because of a break-glass window: it lies
 * in one of `breakGlass` and in none of the planned visits' windows (± `marginMinutes`). The same
 * minute arithmetic as the compiler, so what a ticket allowed through a planned visit is never
 * flagged.
 */
export function isOnlyBreakGlass(
  at: number,
  windows: {
    marginMinutes: number;
    plannedVisits: readonly { startsAt: number; endsAt: number }[];
    breakGlass: readonly { startsAt: number; endsAt: number }[];
  },
): boolean {
  const minute = Math.floor(at / 60_000);
  const margin = windows.marginMinutes * 60_000;
  const inside = (from: number, until: number) => from <= minute && minute < until;
  const isInBreakGlass = windows.breakGlass.some((w) =>
    inside(Math.ceil(w.startsAt / 60_000), Math.floor(w.endsAt / 60_000)),
  );
  if (!isInBreakGlass) return false;
  return !windows.plannedVisits.some((v) =>
    inside(Math.ceil((v.startsAt - margin) / 60_000), Math.floor((v.endsAt + margin) / 60_000)),
  );
}
