// Simulated time. The engine never reads the machine's clock: devices see this clock (through
// their RTCs) and only the engine moves it, event by event. A pacer decides how fast simulated
// time passes in real time: not at all for the bench, about a day in ten minutes live.
import type { WorldClock } from '@portvakt/devices';

/** The simulation's true time in seconds since the epoch; moved only by the engine. */
export class SimulationClock implements WorldClock {
  constructor(private time: number) {}

  now(): number {
    return this.time;
  }

  /** Moves to `time`; time never runs backwards. */
  moveTo(time: number): void {
    if (time < this.time) throw new Error('simulation time cannot run backwards');
    this.time = time;
  }
}

/**
 * Spends real time for simulated time. `wait` is called before each event with the simulated
 * seconds since the previous one; a live run sleeps `seconds / speed`, the bench returns at once.
 */
export interface Pacer {
  wait(simulatedSeconds: number): Promise<void>;
}

/** As fast as possible (bench, tests). */
export const immediatePacer: Pacer = { wait: async () => {} };

/** Simulated seconds per real second for "a day in about ten minutes". */
export const liveSpeed = (24 * 3600) / 600;

/**
 * A pacer that sleeps with the given timer (setTimeout in a live run): `speed` simulated seconds
 * per real second. Gaps are waited in slices of at most `sliceMs`, so stopping is never slow.
 */
export function createSleepingPacer(options: {
  speed: number;
  sleep: (ms: number) => Promise<void>;
  isStopped?: () => boolean;
  sliceMs?: number;
}): Pacer {
  const slice = options.sliceMs ?? 250;
  return {
    wait: async (simulatedSeconds) => {
      let remaining = (simulatedSeconds * 1000) / options.speed;
      while (remaining > 0 && !options.isStopped?.()) {
        const step = Math.min(remaining, slice);
        await options.sleep(step);
        remaining -= step;
      }
    },
  };
}
