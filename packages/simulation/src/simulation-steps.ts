// The engine's steps and the shift runs they move (simulation.ts), and the steps a simulated day
// brings: its shift starts, its alarms and the battery round.
import type { District, Point, ShiftName } from './district';
import type { HeldDevice } from './district-devices';
import { shiftHours } from './district';
import type { SeededRandom } from './random';
import type { PlannedStop } from './shift-planning';

export interface ShiftRun {
  staff: number;
  team: number;
  shift: ShiftName;
  endsAt: number;
  at: Point;
  route: Stop[];
  isBusy: boolean;
  isEnded: boolean;
  willLoseKey: boolean;
}

export type Stop = (PlannedStop & { kind: 'visit'; raisedAt?: number }) | { kind: 'spare' };

export type Step =
  | { type: 'day'; dayStart: number }
  | { type: 'shift-start'; team: number; shift: ShiftName; dayStart: number }
  | { type: 'next'; run: ShiftRun }
  | { type: 'arrive'; run: ShiftRun; stop: Stop }
  | { type: 'end'; run: ShiftRun }
  | { type: 'duty-ends'; run: ShiftRun }
  | { type: 'alarm'; customer: number }
  | { type: 'lose' }
  | { type: 'block'; staff: number; lost: HeldDevice }
  | { type: 'battery-round' };

const daySeconds = 86400;

/**
 * The steps of the day starting at `dayStart`, in the order they are to be queued (the queue keeps
 * insertion order for equal times, so a run repeats). Nothing before `start`; on the run's first
 * day the shifts already under way start at `start`. Alarms are drawn from `random`, `alarmRate`
 * per safety-alarm customer per day; the next day's step comes last.
 */
export function planDay(
  district: District,
  dayStart: number,
  start: number,
  isFirstDay: boolean,
  random: SeededRandom,
  alarmRate = 0.1,
): { at: number; step: Step }[] {
  const steps: { at: number; step: Step }[] = [];
  for (const [t, team] of district.teams.entries())
    for (const shift of team.shifts) {
      const at = dayStart + shiftHours[shift].start;
      if (at >= start) steps.push({ at, step: { type: 'shift-start', team: t, shift, dayStart } });
      // A run starting mid-shift (e.g. at midnight) starts the shifts already under way.
      const previous = dayStart - daySeconds;
      if (
        isFirstDay &&
        previous + shiftHours[shift].end > start &&
        previous + shiftHours[shift].start < start
      )
        steps.push({ at: start, step: { type: 'shift-start', team: t, shift, dayStart: previous } });
      if (isFirstDay && at < start && dayStart + shiftHours[shift].end > start)
        steps.push({ at: start, step: { type: 'shift-start', team: t, shift, dayStart } });
    }
  const rate = alarmRate / daySeconds;
  for (const [c, customer] of district.customers.entries()) {
    if (!customer.hasSafetyAlarm) continue;
    for (
      let t = dayStart + random.exponential(rate);
      t < dayStart + daySeconds;
      t += random.exponential(rate)
    )
      if (t >= start) steps.push({ at: Math.round(t), step: { type: 'alarm', customer: c } });
  }
  if (dayStart + 8 * 3600 >= start) steps.push({ at: dayStart + 8 * 3600, step: { type: 'battery-round' } });
  steps.push({ at: dayStart + daySeconds, step: { type: 'day', dayStart: dayStart + daySeconds } });
  return steps;
}
