// What a run is given: the district, the issuer it talks to, its clock, and the rates of the
// things that happen to staff and locks (docs/simulation.md).
import type { District } from './district';
import type { DistrictIssuer } from './district-issuer';
import type { Pacer, SimulationClock } from './simulation-clock';

/** Keys lost during a run: `count` losses at random times between `from` and `until` (seconds after the start). */
export interface KeyLossPlan {
  count: number;
  from: number;
  until: number;
}

export interface SimulationOptions {
  district: District;
  issuer: DistrictIssuer;
  /** The run starts at the clock's time; nothing else is read as "now". */
  clock: SimulationClock;
  pacer?: Pacer;
  /** Seed of the run's own choices (durations, alarms, losses); defaults to the district's. */
  seed?: number;
  /** Alarms per safety-alarm customer per day. */
  alarmRate?: number;
  losses?: KeyLossPlan;
  /** How long after a loss the work lead blocks the key, seconds. */
  reportDelay?: { min: number; max: number };
  /** Locks at or below this charge get a new battery on the daily 08:00 round. */
  replaceBelowPercent?: number;
  pinIterations?: number;
  /**
   * Phones upload their records after each visit (they are online), so a live view sees the
   * openings at once; otherwise they upload at the end of the shift, as keys do at the station.
   */
  isPhoneUploadAfterVisit?: boolean;
}
