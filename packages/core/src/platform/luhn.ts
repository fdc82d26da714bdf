// The Luhn check digit (modulus 10) that ends Swedish identity and organisation numbers.

/** The check digit the nine (or more) `digits` before it call for. */
export function computeLuhnCheckDigit(digits: string): number {
  let sum = 0;
  // Doubled from the digit next to the check digit leftwards.
  for (let index = 0; index < digits.length; index += 1) {
    const value = Number(digits[digits.length - 1 - index]) * (index % 2 === 0 ? 2 : 1);
    sum += value > 9 ? value - 9 : value;
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether the last of `digits` is the Luhn check digit of those before it. */
export function hasLuhnCheckDigit(digits: string): boolean {
  return /^[0-9]{2,}$/u.test(digits) && computeLuhnCheckDigit(digits.slice(0, -1)) === Number(digits.at(-1));
}
