import { describe, expect, it } from 'vitest';
import {
  addClockSample,
  clockCorrection,
  clockSampleCount,
  fillGaps,
  isDirectDeviceKind,
  isInGap,
  keyForSequence,
} from './device-chain';

describe('clock correction', () => {
  it('takes the smallest sample for keys and phones, and only a clock running ahead for locks', () => {
    expect(clockCorrection([], true)).toBe(0);
    expect(clockCorrection([40, 12, 30], isDirectDeviceKind('key'))).toBe(12);
    expect(clockCorrection([40, 12, 30], isDirectDeviceKind('lock'))).toBe(0);
    expect(clockCorrection([40, -90, 30], isDirectDeviceKind('lock'))).toBe(-90);
    expect(isDirectDeviceKind('phone')).toBe(true);
  });

  it('keeps the last samples only', () => {
    let samples: number[] = [];
    for (let n = 0; n < clockSampleCount + 5; n++) samples = addClockSample(samples, n);
    expect(samples).toHaveLength(clockSampleCount);
    expect(samples[0]).toBe(5);
  });
});

describe('sequence gaps', () => {
  it('splits a gap a batch fills in the middle and reports the filled part', () => {
    expect(fillGaps([[5, 10]], 7, 8)).toEqual({
      gaps: [
        [5, 6],
        [9, 10],
      ],
      filled: [[7, 8]],
    });
  });

  it('leaves gaps the range does not touch and closes those it covers', () => {
    expect(
      fillGaps(
        [
          [1, 2],
          [5, 6],
          [20, 30],
        ],
        4,
        25,
      ),
    ).toEqual({
      gaps: [
        [1, 2],
        [26, 30],
      ],
      filled: [
        [5, 6],
        [20, 25],
      ],
    });
    expect(isInGap([[5, 6]], 6)).toBe(true);
    expect(isInGap([[5, 6]], 7)).toBe(false);
  });
});

describe('the key of a re-enrolled device’s chain head', () => {
  it('is the retired key whose part of the chain reaches the head, else the key held now', () => {
    // Enrolled as A (records 1..10), re-enrolled as B before B stored anything, then as C.
    const retired = [
      { publicJwk: 'A', upToSequence: 10 },
      { publicJwk: 'B', upToSequence: 10 },
    ];
    expect(keyForSequence(retired, 'C', 1)).toBe('A');
    expect(keyForSequence(retired, 'C', 10)).toBe('A');
    expect(keyForSequence(retired, 'C', 11)).toBe('C');
    expect(keyForSequence([], 'C', 1)).toBe('C');
    // A key replaced before its device stored anything signed no stored head.
    expect(keyForSequence([{ publicJwk: 'A', upToSequence: 0 }], 'B', 1)).toBe('B');
  });
});
