import { describe, expect, it } from 'vitest';
import { makeRandomReference, randomReferenceCodeLength, randomReferencePattern } from './random-reference';

describe('makeRandomReference', () => {
  it('words random bytes as the prefix, the year and a short code of unambiguous letters and digits', () => {
    const bytes = Uint8Array.from([0, 31, 32, 255, 10, 100]);
    // Each byte's low five bits pick a letter: 0 → 0, 31 → Z, 32 → 0, 255 → Z, 10 → A, 100 → 4.
    expect(makeRandomReference('SUP', 2027, bytes)).toBe('SUP-2027-0Z0ZA4');
    expect(makeRandomReference('AO', 2026, bytes)).toBe('AO-2026-0Z0ZA4');
    expect(randomReferencePattern('SUP').test('SUP-2027-0Z0ZA4')).toBe(true);
    expect(randomReferencePattern('AO').test('AO-2026-0Z0ZA4')).toBe(true);
    // Another prefix's is not one, nor a code with a letter read as another.
    expect(randomReferencePattern('AO').test('SUP-2026-0Z0ZA4')).toBe(false);
    expect(randomReferencePattern('AO').test('AO-2026-0Z0ZI4')).toBe(false);
  });

  it('never uses a letter read as another (I, L, O, U), and says nothing of how many came before', () => {
    const every = Uint8Array.from({ length: 256 }, (_, index) => index);
    const code = makeRandomReference('AO', 2027, every).slice('AO-2027-'.length);
    expect(code).toHaveLength(256);
    expect(code).not.toMatch(/[ILOU]/);
    expect(new Set(code).size).toBe(32);
    // The reference is the random bytes' alone: no counter or clock goes into it.
    expect(makeRandomReference('AO', 2027, bytes6(7))).toBe(makeRandomReference('AO', 2027, bytes6(7)));
  });

  it('refuses too few random bytes for a code', () => {
    expect(() => makeRandomReference('AO', 2027, new Uint8Array(randomReferenceCodeLength - 1))).toThrow();
  });
});

const bytes6 = (seed: number) => Uint8Array.from({ length: 6 }, (_, index) => (seed * 37 + index * 11) % 256);
