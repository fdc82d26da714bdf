// The monthly compensation run's arithmetic (R5.2; docs/visits.md "Compensation run"): per
// customer, service and time band, the minutes given and what they are worth, next to the
// minutes granted. Pure; the server reads visits and settings and stores the result.
import type { ZoneClock } from '../access';
import { splitEvenly } from '../platform/split-evenly';
import { shareHouseholdTime, type CountedSpan } from './household-visits';
import type { HolidayCalendar } from './public-holidays';
import { isVisitCounted, type VisitState } from './visit-rules';

export const timeBands = ['day', 'evening', 'night', 'weekend'] as const;
export type TimeBand = (typeof timeBands)[number];

/** An hourly rate for one band, valid over local dates [validFrom, validTo]. */
export interface BandRate {
  band: TimeBand;
  /** SEK per staff hour. */
  perHour: number;
  validFrom: string;
  validTo: string | null;
}

/** Until a municipality sets its own (settings.compensationRates). */
export const defaultBandRates: BandRate[] = [
  { band: 'day', perHour: 450, validFrom: '2000-01-01', validTo: null },
  { band: 'evening', perHour: 520, validFrom: '2000-01-01', validTo: null },
  { band: 'night', perHour: 600, validFrom: '2000-01-01', validTo: null },
  { band: 'weekend', perHour: 560, validFrom: '2000-01-01', validTo: null },
];

const dayStart = 7 * 60;
const eveningStart = 18 * 60;
const nightStart = 22 * 60;

/** Local time and the holidays: what the bands are read against (docs/visits.md "Compensation run"). */
export interface BandCalendar {
  clock: ZoneClock;
  holidays: HolidayCalendar;
}

/**
 * The band of a local minute (minutes since the local epoch): nights 22–07 every day; weekends
 * (Saturday, Sunday) and public holidays 07–22; other days 07–18 day and 18–22 evening. A
 * holiday's band follows its local date, so the night before it stays night and its own 22–07
 * too, as on a Sunday.
 */
export function bandAt(localMinute: number, holidays: HolidayCalendar): TimeBand {
  const minuteOfDay = ((localMinute % 1440) + 1440) % 1440;
  if (minuteOfDay < dayStart || minuteOfDay >= nightStart) return 'night';
  const localDay = Math.floor(localMinute / 1440);
  // Day 0, 1970-01-01, was a Thursday (4 when Sunday is 0); +7 keeps days before 1970 positive.
  const weekday = ((localDay % 7) + 11) % 7;
  if (weekday === 0 || weekday === 6 || holidays.holidayOn(localDay) !== undefined) return 'weekend';
  return minuteOfDay < eveningStart ? 'day' : 'evening';
}

/** The next local minute after `localMinute` at which the band may change. */
function nextBoundary(localMinute: number): number {
  const day = Math.floor(localMinute / 1440) * 1440;
  for (const edge of [dayStart, eveningStart, nightStart, 1440])
    if (day + edge > localMinute) return day + edge;
  return day + 1440;
}

/** Whole minutes of [arrival, departure) in each band, walked in local time from the arrival. */
export function splitByBand(
  arrival: number,
  departure: number,
  { clock, holidays }: BandCalendar,
): Map<TimeBand, number> {
  const minutes = Math.round((departure - arrival) / 60_000);
  const split = new Map<TimeBand, number>();
  let at = clock.toLocal(Math.round(arrival / 60_000));
  const end = at + minutes;
  while (at < end) {
    const until = Math.min(end, nextBoundary(at));
    const band = bandAt(at, holidays);
    split.set(band, (split.get(band) ?? 0) + until - at);
    at = until;
  }
  return split;
}

export interface CompensationVisit {
  visitId: string;
  customerId: string;
  /** The apartment door the customer shares with another customer (a couple), or null. */
  householdId: string | null;
  services: readonly string[];
  staffMemberIds: readonly string[];
  state: VisitState;
  arrival: number;
  departure: number | null;
  isLate: boolean;
}

export interface CompensationLine {
  customerId: string;
  service: string;
  band: TimeBand;
  /** Customer time: a visit counts once however many staff. */
  customerMinutes: number;
  /** Staff time: double staffing counts twice; what the provider is paid for. */
  staffMinutes: number;
  perHour: number;
  /** Öre, rounded once per line. */
  amountOre: number;
  visitIds: string[];
}

export interface GivenVersusGranted {
  customerId: string;
  service: string;
  givenMinutes: number;
  grantedMinutes: number | null;
}

export interface CompensationResult {
  lines: CompensationLine[];
  givenVersusGranted: GivenVersusGranted[];
  /** Visits without a departure or with an unresolved holding exception: held back until resolved. */
  heldBackVisitIds: string[];
  /** Visits the municipality changed after the month's lock date. */
  lateVisitIds: string[];
  totalAmountOre: number;
}

/** The service a visit with no services recorded is billed under. */
export const unspecifiedService = 'unspecified';

function rateFor(rates: readonly BandRate[], band: TimeBand, localDate: string): number {
  const rate = rates.find(
    (r) => r.band === band && r.validFrom <= localDate && (r.validTo === null || localDate <= r.validTo),
  );
  if (!rate) throw new RangeError(`No ${band} rate valid on ${localDate}`);
  return rate.perHour;
}

function localDateOf(at: number, clock: ZoneClock): string {
  return new Date(clock.toLocal(Math.floor(at / 60_000)) * 60_000).toISOString().slice(0, 10);
}

/**
 * Lines per customer, service, band and rate. A visit's minutes in each band are shared evenly
 * among its services in whole minutes (`splitEvenly`, in the order the services were recorded),
 * staff time is that times the staff count, and a line's amount is its staff minutes at its rate;
 * declined and voided visits count nothing; visits without a departure, or in `heldBack`, are
 * held back. Where one staff member's visits at a couple's home overlap, that staff member's
 * overlap counts once, shared between the spouses' visits (`shareHouseholdTime`).
 */
export function computeCompensation(
  visits: readonly CompensationVisit[],
  granted: ReadonlyMap<string, number>,
  rates: readonly BandRate[],
  calendar: BandCalendar,
  /** Visits an unresolved exception holds back (docs/visits.md "Exceptions"). */
  heldBack: ReadonlySet<string> = new Set(),
): CompensationResult {
  const lines = new Map<string, Omit<CompensationLine, 'amountOre'>>();
  const given = new Map<string, number>();
  const result: CompensationResult = {
    lines: [],
    givenVersusGranted: [],
    heldBackVisitIds: [],
    lateVisitIds: [],
    totalAmountOre: 0,
  };
  const counted: (CompensationVisit & { departure: number })[] = [];
  for (const visit of visits) {
    if (visit.isLate) result.lateVisitIds.push(visit.visitId);
    if (!isVisitCounted(visit.state)) continue;
    if (visit.departure === null || heldBack.has(visit.visitId)) result.heldBackVisitIds.push(visit.visitId);
    else counted.push({ ...visit, departure: visit.departure });
  }
  const times = shareHouseholdTime(counted);
  for (const visit of counted) {
    const services = visit.services.length > 0 ? visit.services : [unspecifiedService];
    const localDate = localDateOf(visit.arrival, calendar.clock);
    const time = times.get(visit.visitId)!;
    const staffBands = time.staff.map((spans) => splitSpansByBand(spans, calendar));
    for (const [band, minutes] of splitSpansByBand(time.customer, calendar)) {
      const perHour = rateFor(rates, band, localDate);
      const shares = splitEvenly(minutes, services.length);
      // Each staff member's minutes are shared among the services as the customer's are, so
      // staff who were there all the visit make the customer's share times the staff count.
      const staffShares = staffBands.map((bands) => splitEvenly(bands.get(band) ?? 0, services.length));
      for (const [index, service] of services.entries()) {
        const share = shares[index]!;
        const key = `${visit.customerId} ${service} ${band} ${perHour}`;
        let line = lines.get(key);
        if (!line) {
          line = {
            customerId: visit.customerId,
            service,
            band,
            perHour,
            customerMinutes: 0,
            staffMinutes: 0,
            visitIds: [],
          };
          lines.set(key, line);
        }
        line.customerMinutes += share;
        line.staffMinutes += staffShares.reduce((sum, own) => sum + own[index]!, 0);
        if (line.visitIds.at(-1) !== visit.visitId) line.visitIds.push(visit.visitId);
        const givenKey = `${visit.customerId} ${service}`;
        given.set(givenKey, (given.get(givenKey) ?? 0) + share);
      }
    }
  }
  for (const line of lines.values()) {
    const amountOre = Math.round((line.staffMinutes * line.perHour * 100) / 60);
    result.lines.push({ ...line, amountOre });
    result.totalAmountOre += amountOre;
  }
  result.lines.sort(
    (a, b) =>
      a.customerId.localeCompare(b.customerId) ||
      a.service.localeCompare(b.service) ||
      timeBands.indexOf(a.band) - timeBands.indexOf(b.band) ||
      a.perHour - b.perHour,
  );
  const keys = new Set([...given.keys(), ...granted.keys()]);
  for (const key of [...keys].sort()) {
    const [customerId, service] = key.split(' ') as [string, string];
    result.givenVersusGranted.push({
      customerId,
      service,
      givenMinutes: given.get(key) ?? 0,
      grantedMinutes: granted.get(key) ?? null,
    });
  }
  return result;
}

/** A visit's counted spans' minutes in each band, summed over the spans. */
function splitSpansByBand(spans: readonly CountedSpan[], calendar: BandCalendar): Map<TimeBand, number> {
  const total = new Map<TimeBand, number>();
  for (const [from, to] of spans)
    for (const [band, minutes] of splitByBand(from, to, calendar))
      total.set(band, (total.get(band) ?? 0) + minutes);
  return total;
}

export interface BandTotal {
  band: TimeBand;
  customerMinutes: number;
  staffMinutes: number;
  amountOre: number;
}

/** A run's totals per band, every band in order (zero where none), for its summary. */
export function sumByBand(
  lines: readonly { band: string; customerMinutes: number; staffMinutes: number; amountOre: number }[],
): BandTotal[] {
  const totals = timeBands.map((band) => ({ band, customerMinutes: 0, staffMinutes: 0, amountOre: 0 }));
  for (const line of lines) {
    const total = totals.find((t) => t.band === line.band);
    if (!total) throw new RangeError(`Unknown time band ${line.band}`);
    total.customerMinutes += line.customerMinutes;
    total.staffMinutes += line.staffMinutes;
    total.amountOre += line.amountOre;
  }
  return totals;
}
