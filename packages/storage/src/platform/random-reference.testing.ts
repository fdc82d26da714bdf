// For the tests showing that a reference counts nothing (docs/support.md, docs/work-orders.md
// "References").
import { randomReferenceAlphabet } from '@portvakt/core';

/** A random reference's code (after the year) as one number, so two references can be compared as counts. */
export function readReferenceCodeValue(reference: string): number {
  const code = reference.slice(reference.lastIndexOf('-') + 1);
  return [...code].reduce((value, letter) => value * 32 + randomReferenceAlphabet.indexOf(letter), 0);
}
