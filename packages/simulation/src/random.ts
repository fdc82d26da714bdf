// A seeded pseudo-random source (mulberry32): the district and every choice the simulation makes
// come from it, so a seed and a start instant fix the whole run. Math.random is never used.

export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  isChance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A normally distributed value (Box–Muller). */
  normal(mean: number, deviation: number): number {
    const u = Math.max(this.next(), 1e-12);
    const v = this.next();
    return mean + deviation * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Waiting time of a Poisson process with `ratePerSecond`. */
  exponential(ratePerSecond: number): number {
    return -Math.log(Math.max(this.next(), 1e-12)) / ratePerSecond;
  }

  /** A 16-byte id (UUID v4 layout) from the stream, so device ids repeat with the seed. */
  bytes16(): Uint8Array {
    const out = new Uint8Array(16);
    for (let i = 0; i < 16; i++) out[i] = Math.floor(this.next() * 256);
    out[6] = (out[6]! & 0x0f) | 0x40;
    out[8] = (out[8]! & 0x3f) | 0x80;
    return out;
  }

  /** An independent stream derived from this one (e.g. per purpose), stable under reordering. */
  fork(label: number): SeededRandom {
    return new SeededRandom(Math.imul(this.int(0, 0xffffffff) ^ label, 0x85ebca6b));
  }
}
