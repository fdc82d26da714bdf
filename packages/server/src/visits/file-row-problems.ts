// What is wrong with a row of a care-system file, as line errors a client words by their code
// (the contract's `importLineCodes`, docs/imports.md "Errors") with the English `message` beside
// it for API clients and the CLI: one problem per field, the schema's most telling refusal of it.
import type { ErrorObject } from 'ajv';
import { monthPattern, type ImportLineCode, type ImportLineParams } from '@portvakt/contract';
import { phoneNumberPattern, type TextProblem } from '@portvakt/core';
import { describeTextProblem } from '../platform/errors';

export interface RowProblem {
  line: number;
  field: string;
  message: string;
  code: ImportLineCode;
  params?: ImportLineParams;
}

/** The field a schema refusal is about: the value's path, or the property missing or unknown. */
function findField(error: ErrorObject): string {
  return (
    error.instancePath.replace(/^\//, '') ||
    String(error.params.additionalProperty ?? error.params.missingProperty ?? '')
  );
}

/** Refusals that only repeat another one of the same value: a union's, and its `null` branch's. */
const isEcho = (error: ErrorObject) =>
  error.keyword === 'anyOf' || (error.keyword === 'type' && error.params.type === 'null');

const typeCodes: Partial<Record<string, ImportLineCode>> = {
  integer: 'not_a_whole_number',
  array: 'not_a_list',
};
const formatCodes: Partial<Record<string, ImportLineCode>> = {
  date: 'not_a_date',
  'date-time': 'not_an_instant',
};
const patternCodes: Partial<Record<string, ImportLineCode>> = {
  [monthPattern]: 'not_a_month',
  [phoneNumberPattern]: 'not_a_phone_number',
};

/** A bound crossed, as the code that says which and the bound to name (the files' schemas have no exclusive bounds). */
const boundCodes: Partial<Record<string, ImportLineCode>> = {
  maxLength: 'too_long',
  minimum: 'too_small',
  maximum: 'too_large',
  minItems: 'too_few_values',
  maxItems: 'too_many_values',
};

/** One schema refusal as a code and its parameters. */
function findCode(error: ErrorObject): { code: ImportLineCode; params?: ImportLineParams } {
  const { keyword, params } = error;
  const bound = boundCodes[keyword];
  if (bound) return { code: bound, params: { limit: Number(params.limit) } };
  if (keyword === 'required') return { code: 'value_missing' };
  if (keyword === 'minLength')
    return Number(params.limit) <= 1
      ? { code: 'value_missing' }
      : { code: 'too_short', params: { limit: Number(params.limit) } };
  if (keyword === 'additionalProperties') return { code: 'unknown_field' };
  if (keyword === 'uniqueItems') return { code: 'repeated_value' };
  if (keyword === 'type') return { code: typeCodes[String(params.type)] ?? 'wrong_form' };
  if (keyword === 'format') return { code: formatCodes[String(params.format)] ?? 'wrong_form' };
  if (keyword === 'pattern') return { code: patternCodes[String(params.pattern)] ?? 'wrong_form' };
  return { code: 'wrong_form' };
}

/**
 * The schema's refusals of the row on `line`, one per field in the order the schema found them: a
 * value that is none of a list's (the union of literals refuses it once per literal) names the
 * values allowed; otherwise the first refusal that is not only a union's echo.
 */
export function describeSchemaErrors(line: number, errors: readonly ErrorObject[]): RowProblem[] {
  const byField = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    const field = findField(error);
    byField.set(field, [...(byField.get(field) ?? []), error]);
  }
  return [...byField].map(([field, found]) => {
    const allowed = found.flatMap((error) =>
      error.keyword === 'const'
        ? [String(error.params.allowedValue)]
        : error.keyword === 'enum'
          ? (error.params.allowedValues as unknown[]).map(String)
          : [],
    );
    if (allowed.length > 0) {
      const values = [...new Set(allowed)].join(', ');
      return {
        line,
        field,
        message: `must be one of ${values}`,
        code: 'value_not_allowed',
        params: { allowed: values },
      };
    }
    const telling = found.find((error) => !isEcho(error)) ?? found[0]!;
    return { line, field, message: telling.message ?? 'is not valid', ...findCode(telling) };
  });
}

const textProblemCodes: Record<TextProblem, ImportLineCode> = {
  blank: 'blank_text',
  control_character: 'control_character',
  bidi_control: 'direction_control',
  lone_surrogate: 'half_character',
};

/** A cell's text that may not be stored (docs/api.md "Text"). */
export function describeTextCell(line: number, field: string, problem: TextProblem): RowProblem {
  return { line, field, message: describeTextProblem(problem), code: textProblemCodes[problem] };
}
