// Human references that say nothing of the other records (docs/support.md "References",
// docs/work-orders.md "References"): a prefix, the year and a random code, e.g. SUP-2027-K7QX4M or
// AO-2027-K7QX4M. A reference used to count the records (AO-2027-000042), so two that a property
// owner, a provider or a locksmith company saw told them how many everybody else had got between,
// though they are never to learn anything of others, counts included (R2.7).

/**
 * A code's letters: Crockford's base32 letters and digits (no I, L, O or U, which are read as 1,
 * 1, 0 and V). 32 of them, so a random byte's low five bits pick one without bias.
 */
export const randomReferenceAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** How many random bytes (one letter each) a reference's code takes. */
export const randomReferenceCodeLength = 6;

/** A random reference with `prefix`, e.g. `randomReferencePattern('AO')` for AO-2027-K7QX4M. */
export function randomReferencePattern(prefix: string): RegExp {
  return new RegExp(`^${prefix}-\\d{4}-[0-9A-HJKMNP-TV-Z]{${randomReferenceCodeLength}}$`);
}

/**
 * The human reference of a record made in `year`, e.g. AO-2027-K7QX4M, its code made from
 * `randomBytes` alone (at least six, one letter each; storage draws them and retries on the rare
 * clash within the municipality): no counter or clock goes into it, so it says nothing of the
 * others, not even which came first.
 */
export function makeRandomReference(prefix: string, year: number, randomBytes: Uint8Array): string {
  if (randomBytes.length < randomReferenceCodeLength)
    throw new Error(`A reference needs ${randomReferenceCodeLength} random bytes.`);
  const code = Array.from(randomBytes, (byte) => randomReferenceAlphabet[byte & 31]).join('');
  return `${prefix}-${year}-${code}`;
}
