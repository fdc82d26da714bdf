/**
 * `amount` in `parts` whole units as even as can be, the first parts taking what is left over:
 * 25 in two is 13 and 12, 10 in three is 4, 3 and 3. So shares always add up to the whole, where
 * rounding each share (12.5 each is 13 and 13) would not.
 */
export function splitEvenly(amount: number, parts: number): number[] {
  const base = Math.floor(amount / parts);
  return Array.from({ length: parts }, (_, index) => base + (index < amount - base * parts ? 1 : 0));
}
