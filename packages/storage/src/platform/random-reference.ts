// Inserting a record under a random human reference (core's `makeRandomReference`; docs/support.md
// and docs/work-orders.md "References"): drawn anew while the municipality already has the code.
import { randomBytes } from 'node:crypto';
import { makeRandomReference, randomReferenceCodeLength } from '@portvakt/core';

/** Random bytes of `size`; node's `randomBytes` but for the tests, which fix them. */
export type DrawRandomBytes = (size: number) => Uint8Array;

/** What one try answers when its reference is taken in the municipality: nothing written, draw again. */
export const referenceTaken = Symbol('reference taken');

/**
 * Tries `insert` with a random reference (`prefix`, the year of `at`, a random code) until it
 * answers anything but `referenceTaken`, and answers that. A clash is rare (a billion codes a year
 * and municipality), and what a try answers otherwise (a row made, or nothing made for a reason of
 * the caller's own) ends the draws.
 */
export async function insertWithRandomReference<T>(
  prefix: string,
  at: Date,
  insert: (reference: string) => Promise<T | typeof referenceTaken>,
  drawRandomBytes: DrawRandomBytes = randomBytes,
): Promise<T> {
  for (;;) {
    const reference = makeRandomReference(
      prefix,
      at.getUTCFullYear(),
      drawRandomBytes(randomReferenceCodeLength),
    );
    const answer = await insert(reference);
    if (answer !== referenceTaken) return answer;
  }
}
