// Text that a spreadsheet would run as a formula (CSV injection): Excel and LibreOffice read a
// cell starting with =, +, -, @, a tab or a carriage return as a formula, so a name typed as
// `=HYPERLINK(…)` would become a live link in the municipality's file or a relative's list.
// Every CSV the product writes for people to open passes its text cells through here.

const formulaStart = /^[=+\-@\t\r]/;
/** A signed number or a phone number ("-12,50", "+46 70 123 45 67"): no formula, left as it is. */
const numberLike = /^[+-]?\d[\d ]*(?:[.,]\d+)?$/;

/** `text` as a spreadsheet shows it: a would-be formula after an apostrophe, anything else unchanged. */
export function neutraliseFormula(text: string): string {
  return formulaStart.test(text) && !numberLike.test(text) ? `'${text}` : text;
}

/** csv-stringify's `cast` option: every text cell neutralised, numbers and dates as they are. */
export const spreadsheetSafeCast = { string: neutraliseFormula } as const;
