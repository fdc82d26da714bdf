// Rules of work shifts (docs/visits.md "Work shifts"): a key activation or a phone login opens a
// shift; a work lead registers one by hand for a day the devices did not see (source `manual`).
// Pure: overlaps with the staff member's other shifts are found in storage.
import type { RuleViolation } from '../registry';

export const workShiftSources = ['activation', 'phone', 'manual'] as const;
export type WorkShiftSource = (typeof workShiftSources)[number];

/** The longest shift anyone registers by hand: longer is a typing error (a date, not an hour). */
export const maxRegisteredShiftHours = 24;

/**
 * A registered shift's times: the end after the start, at most a day, and nothing in the future
 * (a shift is registered afterwards, like a visit; the devices open the ones that are running).
 */
export function checkWorkShiftTimes(startsAt: number, endsAt: number, now: number): RuleViolation[] {
  if (endsAt <= startsAt)
    return [{ field: 'endsAt', code: 'reversed_times', message: 'A shift must end after it starts.' }];
  if (endsAt - startsAt > maxRegisteredShiftHours * 3_600_000)
    return [
      {
        field: 'endsAt',
        code: 'shift_too_long',
        message: `A shift is at most ${maxRegisteredShiftHours} hours long.`,
      },
    ];
  // A minute's grace, as for visits: the console's clock and the server's are not the same clock.
  if (endsAt > now + 60_000)
    return [{ field: 'endsAt', code: 'shift_in_future', message: 'A shift is registered after it ended.' }];
  return [];
}
