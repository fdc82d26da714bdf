import { describe, expect, it } from 'vitest';
import { seededRandom } from './battery-curves.testing';
import { measurePathKm, orderRoundStops, type RoundStop } from './battery-round';

function stockholmStops(seed: number, count: number): RoundStop[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => ({
    id: `p${index}`,
    address: `Gatan ${index}`,
    latitude: 59.25 + random() * 0.15,
    longitude: 17.9 + random() * 0.25,
  }));
}

describe('orderRoundStops', () => {
  it('is never longer than the given order, over 200 random rounds', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const stops = stockholmStops(seed, 3 + (seed % 25));
      const ordered = orderRoundStops(stops);
      expect(ordered.map((stop) => stop.id).sort()).toEqual(stops.map((stop) => stop.id).sort());
      expect(measurePathKm(ordered)).toBeLessThanOrEqual(measurePathKm(stops) + 1e-9);
    }
  });

  it('is much shorter than a random order for a larger round', () => {
    const stops = stockholmStops(42, 40);
    expect(measurePathKm(orderRoundStops(stops))).toBeLessThan(measurePathKm(stops) * 0.5);
  });

  it('walks a street in order and starts at the first (most urgent) stop', () => {
    const street = [3, 0, 4, 1, 2].map((n) => ({
      id: `s${n}`,
      address: `Storgatan ${n}`,
      latitude: 59.3,
      longitude: 18 + n * 0.01,
    }));
    expect(orderRoundStops(street).map((stop) => stop.id)).toEqual(['s3', 's4', 's2', 's1', 's0']);
  });

  it('puts properties without coordinates last, by address', () => {
    const stops: RoundStop[] = [
      { id: 'x', address: 'Ögatan 1', latitude: null, longitude: null },
      { id: 'a', address: 'A-gatan', latitude: 59.3, longitude: 18 },
      { id: 'y', address: 'Björkvägen 2', latitude: null, longitude: null },
      { id: 'b', address: 'B-gatan', latitude: 59.31, longitude: 18 },
    ];
    expect(orderRoundStops(stops).map((stop) => stop.id)).toEqual(['a', 'b', 'y', 'x']);
  });
});
