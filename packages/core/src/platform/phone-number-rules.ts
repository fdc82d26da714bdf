// What a phone number must look like wherever one is saved: on-call contacts support rings in an
// emergency opening (docs/support.md), property owners' contacts, the registry's contact numbers
// and the care system's imports. Written once here: the contract's schemas, the registry's field
// and the console's forms all take it from this file.

/** The fewest and most digits a phone number has, whatever stands between them. */
export const phoneNumberDigits = { min: 6, max: 20 } as const;

/**
 * A phone number as a JSON Schema pattern: digits with an optional leading +, and spaces,
 * hyphens and parentheses between them (`070-123 45 67`, `+46 (0)8-123 45 67`); 6–20 digits.
 */
export const phoneNumberPattern = `^\\+?(?:[ ()-]*[0-9]){${phoneNumberDigits.min},${phoneNumberDigits.max}}[ ()-]*$`;

/** The rule in words ("A phone number: …"), for the schemas' descriptions and the API's refusal. */
export const phoneNumberRule = `${phoneNumberDigits.min}–${phoneNumberDigits.max} digits, optionally after a leading +, with spaces, hyphens or parentheses between them (e.g. 070-123 45 67 or +46 8 123 456)`;

const phoneNumber = new RegExp(phoneNumberPattern, 'u');

/** Whether `text` is a phone number support can ring (leading and trailing spaces allowed). */
export function isPhoneNumber(text: string): boolean {
  return phoneNumber.test(text);
}
