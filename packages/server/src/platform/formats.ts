// The string formats every schema the server checks uses (request schemas and care-system files):
// ajv-formats' own, with dates and instants held to the years the API accepts (core's
// calendar-range.ts). Said once here so a date a request refuses is one a file refuses too.
import { isInCalendarRange, isOrganisationNumber, organisationNumberFormat } from '@portvakt/core';
import type { Ajv, FormatDefinition } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats =
  (addFormatsModule as unknown as { default: typeof addFormatsModule }).default ?? addFormatsModule;

/**
 * Adds the formats to `ajv`: ajv-formats' full set, `date` and `date-time` within the years, and
 * core's organisation number (its check digit is more than a pattern can say).
 */
export function addServerFormats(ajv: Ajv): Ajv {
  addFormats(ajv);
  for (const name of ['date', 'date-time']) {
    const format = ajv.formats[name] as FormatDefinition<string>;
    const isWellFormed = format.validate as (value: string) => boolean;
    ajv.addFormat(name, {
      ...format,
      validate: (value: string) => isWellFormed(value) && isInCalendarRange(value),
    });
  }
  ajv.addFormat(organisationNumberFormat, { type: 'string', validate: isOrganisationNumber });
  return ajv;
}
