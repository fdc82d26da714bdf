// A battery change on record (R2.4): who did it, and what a recording may say. Changes are done by
// installers, by the home-care team at a visit (S4 step 6), or by the lock manager's people.
import { readWholeNumberSetting } from '../platform/whole-number-setting';

export const batteryChangeDoers = ['installer', 'home_care_team', 'lock_manager'] as const;
export type BatteryChangeDoer = (typeof batteryChangeDoers)[number];

/** Longest round look-ahead, in weeks: beyond half a year a forecast is no plan. */
export const maxForecastWeeks = 26;

export interface BatteryChangeProblem {
  code: 'changed_in_future' | 'team_only_for_home_care';
  field: string;
  message: string;
}

/** Whether a recording is consistent; returns the first problem, or null. `now` is the caller's clock. */
export function checkBatteryChange(
  change: { changedAt: number; doneBy: BatteryChangeDoer; teamId?: string | null },
  now: number,
): BatteryChangeProblem | null {
  // A few minutes' grace: a phone's clock may run ahead of the server's.
  if (change.changedAt > now + 5 * 60_000)
    return {
      code: 'changed_in_future',
      field: 'changedAt',
      message: 'A battery change cannot be recorded ahead of time.',
    };
  if (change.teamId && change.doneBy !== 'home_care_team')
    return {
      code: 'team_only_for_home_care',
      field: 'teamId',
      message: 'A team is named only for a change done by the home-care team.',
    };
  return null;
}

/** The replacement threshold in per cent from the municipality's settings (`batteryThresholdPercent`). */
export function batteryThreshold(settings: Record<string, unknown> | undefined, fallback = 20): number {
  return readWholeNumberSetting(settings?.batteryThresholdPercent, fallback, { min: 5, max: 60 });
}
