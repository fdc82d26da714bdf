/** Energy per operation, in arbitrary units; the motor dominates, as it does in a real lock. */
export interface BatteryCosts {
  challenge: number;
  verify: number;
  sign: number;
  hash: number;
  motor: number;
  radio: number;
}

export const lockBatteryCosts: BatteryCosts = {
  challenge: 1,
  verify: 4,
  sign: 6,
  hash: 1,
  motor: 60,
  radio: 2,
};
export const keyBatteryCosts: BatteryCosts = {
  challenge: 0,
  verify: 4,
  sign: 6,
  hash: 1,
  motor: 0,
  radio: 2,
};

/**
 * A battery that drains per operation. Capacity is sized so a lock opened ten times a day lasts
 * about half a year, matching the one or two battery changes a year in R2.4.
 */
export class Battery {
  private remaining: number;

  constructor(
    private readonly capacity: number,
    private readonly costs: BatteryCosts,
  ) {
    this.remaining = capacity;
  }

  get percent(): number {
    return Math.max(0, Math.ceil((this.remaining / this.capacity) * 100));
  }

  get isEmpty(): boolean {
    return this.remaining <= 0;
  }

  drain(operation: keyof BatteryCosts, times = 1): void {
    this.remaining = Math.max(0, this.remaining - this.costs[operation] * times);
  }

  /** Sets the charge directly (tests, and simulating a battery found half empty). */
  setPercent(percent: number): void {
    this.remaining = (this.capacity * percent) / 100;
  }

  replace(): void {
    this.remaining = this.capacity;
  }
}
