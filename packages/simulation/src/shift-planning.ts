// Who works which shift, which visits a shift has, and how they are split into routes: each
// visit, in planned order, goes to the staff member who can be there first (a greedy dispatcher
// like a planner's board, not an optimiser).
import type { District, Point, ShiftName, Team } from './district';
import { shiftHours } from './district';
import { distance } from './generate-district';
import type { SeededRandom } from './random';
import type { VisitPurpose } from './simulation-events';

export interface PlannedStop {
  customer: number;
  purpose: VisitPurpose;
  plannedAt: number;
  durationSeconds: number;
}

/** How a team moves: home care walks, patrols drive (and park). */
export function travelSeconds(team: Team, from: Point, to: Point): number {
  const metres = distance(from, to);
  if (metres === 0) return 0;
  return team.kind === 'home-care' ? Math.round(metres / 1.3 + 60) : Math.round(metres / 8 + 180);
}

/** Staff (district indices) working `shift` on day `dayNumber` (days since the epoch). */
export function rosterFor(
  district: District,
  teamIndex: number,
  shift: ShiftName,
  dayNumber: number,
): number[] {
  const team = district.teams[teamIndex]!;
  return team.staff.filter((_, i) => {
    const group: ShiftName =
      team.kind === 'home-care'
        ? i < team.dayGroup
          ? 'day'
          : 'evening'
        : team.shifts[i % team.shifts.length]!;
    // Five days on, two off, staggered so every day has people.
    return group === shift && (i + dayNumber) % 7 < 5;
  });
}

/** The visits a team's shift has, planned order, with durations drawn from `random`. */
export function visitsFor(
  district: District,
  teamIndex: number,
  shift: ShiftName,
  dayStart: number,
  random: SeededRandom,
): PlannedStop[] {
  const team = district.teams[teamIndex]!;
  const hours = shiftHours[shift];
  const weekday = (Math.floor(dayStart / 86400) + 3) % 7;
  const stops: PlannedStop[] = [];
  for (const c of team.customers) {
    const customer = district.customers[c]!;
    if (team.kind === 'home-care' && customer.homeCare?.weekdays.includes(weekday)) {
      for (const minute of customer.homeCare.minutes) {
        const at = dayStart + minute * 60;
        if (at >= dayStart + hours.start && at < dayStart + hours.end)
          stops.push({
            customer: c,
            purpose: 'home-care',
            plannedAt: at,
            durationSeconds: random.int(10, 35) * 60,
          });
      }
    }
    if (team.kind === 'night-patrol') {
      for (const minute of customer.nightPatrolMinutes)
        stops.push({
          customer: c,
          purpose: 'night-patrol',
          plannedAt: dayStart + hours.start + minute * 60,
          durationSeconds: random.int(4, 10) * 60,
        });
    }
  }
  return stops.sort((a, b) => a.plannedAt - b.plannedAt || a.customer - b.customer);
}

/** Splits stops into one route per staff member; everyone starts at the team's premises. */
export function assignRoutes(
  district: District,
  team: Team,
  staff: number[],
  stops: PlannedStop[],
  startAt: number,
): Map<number, PlannedStop[]> {
  const routes = new Map<number, PlannedStop[]>(staff.map((s) => [s, []]));
  const state = staff.map((s) => ({ staff: s, freeAt: startAt, at: team.base }));
  for (const stop of stops) {
    const place = district.properties[district.customers[stop.customer]!.property]!.at;
    let best = state[0];
    let bestArrival = Infinity;
    for (const candidate of state) {
      const arrival = Math.max(
        candidate.freeAt + travelSeconds(team, candidate.at, place),
        stop.plannedAt - 900,
      );
      if (arrival < bestArrival) {
        best = candidate;
        bestArrival = arrival;
      }
    }
    if (!best) break;
    routes.get(best.staff)!.push(stop);
    best.freeAt = bestArrival + 40 + stop.durationSeconds;
    best.at = place;
  }
  return routes;
}
