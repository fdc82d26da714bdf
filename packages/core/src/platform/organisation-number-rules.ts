// What a Swedish organisation number (organisationsnummer) must look like wherever one is saved:
// locksmith companies, providers, property owners and the care system's imports. Written once
// here: the contract's schemas (as the `organisation-number` format), the server's check of it and
// the console's forms all take it from this file. Numbers stored before the rule stay as they are.
import { hasLuhnCheckDigit } from './luhn';

/** The name of the string format the schemas use for an organisation number. */
export const organisationNumberFormat = 'organisation-number';

/** The rule in words, for the schemas' descriptions and the API's refusal. */
export const organisationNumberRule =
  '10 digits as NNNNNN-NNNN (the hyphen optional, a leading 16 allowed) whose last digit is the check digit (e.g. 556036-0793)';

const organisationNumber = /^(?:16)?([0-9]{6})-?([0-9]{4})$/u;

/** Whether `text` is a Swedish organisation number (leading and trailing spaces allowed). */
export function isOrganisationNumber(text: string): boolean {
  const match = organisationNumber.exec(text.trim());
  return match !== null && hasLuhnCheckDigit(`${match[1]}${match[2]}`);
}
