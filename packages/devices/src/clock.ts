/** True time in a simulation (seconds since the epoch); devices only see it through their RTC. */
export interface WorldClock {
  now(): number;
}

/** A world clock that tests move by hand, so time-based rules are checked without waiting. */
export class ManualWorldClock implements WorldClock {
  constructor(private time: number) {}

  now(): number {
    return this.time;
  }

  advance(seconds: number): void {
    this.time += seconds;
  }
}

/** A world clock that follows the machine's clock (demos, HTTP runs). */
export const systemWorldClock: WorldClock = { now: () => Math.floor(Date.now() / 1000) };

/**
 * A device's real-time clock: world time plus an offset and a drift in parts per million, and
 * settable, like the RTC chip in a lock, including by someone with physical access.
 */
export class RealTimeClock {
  private anchorWorld: number;
  private anchorDevice: number;

  constructor(
    private readonly world: WorldClock,
    private readonly driftPpm = 0,
    offsetSeconds = 0,
  ) {
    this.anchorWorld = world.now();
    this.anchorDevice = this.anchorWorld + offsetSeconds;
  }

  now(): number {
    const elapsed = this.world.now() - this.anchorWorld;
    return Math.floor(this.anchorDevice + elapsed * (1 + this.driftPpm / 1e6));
  }

  set(time: number): void {
    this.anchorWorld = this.world.now();
    this.anchorDevice = time;
  }
}
