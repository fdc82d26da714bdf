// A line of an import's files in the reader's words (docs/imports.md "Errors"): what is wrong by
// its code (the contract's `importLineCodes`, worded by `imports.problem.<code>` with the line's
// parameters), and a line a failed import names by its refusal's code, as any refusal of that code
// is worded; the server's English message only for a code the console does not know.
import { isImportLineCode, type ImportLineCode, type ImportLineErrorBody } from '@portvakt/contract';
import type { MessageKey, Translator } from '../shared/i18n';
import { isImportKind } from './import-fields';

type Sayer = Pick<Translator, 't' | 'describeError' | 'formatNumber'>;

/** The message of each line code; a code without one fails the type check. */
const findProblemKey = (code: ImportLineCode) => `imports.problem.${code}` as const satisfies MessageKey;

/** A line's parameters as its words put them: a kind by its name, a number as the language writes it. */
function sayParams(
  { t, formatNumber }: Sayer,
  params: ImportLineErrorBody['params'] = {},
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => {
      if (typeof value === 'number') return [name, formatNumber(value)];
      if (name === 'kind' && isImportKind(value)) return [name, t(`imports.kind.${value}`)];
      return [name, value === '' ? t('common.none') : value];
    }),
  );
}

/** What is wrong with the line, in the reader's language. */
export function sayLineProblem(translator: Sayer, error: ImportLineErrorBody): string {
  if (error.code && isImportLineCode(error.code))
    return translator.t(findProblemKey(error.code), sayParams(translator, error.params));
  return translator.describeError(error.code, error.message);
}

/**
 * Where the line is: file and line, or for a record a full import was ending (no line of its
 * own), its kind and key.
 */
export function sayLineWhere(translator: Sayer, error: ImportLineErrorBody): string {
  if (error.line > 0) return `${error.file}:${error.line}`;
  const { kind, key } = sayParams(translator, error.params);
  return kind && key ? translator.t('imports.recordNotInFile', { kind, key }) : error.file;
}
