import { describe, expect, it } from 'vitest';
import { errorCodes } from './errors';
import { importLineCodes, isImportLineCode } from './imports';

describe('import line codes', () => {
  it('lists each code once, in snake_case', () => {
    expect(new Set(importLineCodes).size).toBe(importLineCodes.length);
    for (const code of importLineCodes) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it('keeps the codes of a whole file’s refusal the ones the care-plan routes answer with', () => {
    for (const code of [
      'empty_file',
      'file_unreadable',
      'unknown_column',
      'duplicate_row',
      'import_kind_unknown',
    ])
      expect({
        code,
        isLine: isImportLineCode(code),
        isError: (errorCodes as readonly string[]).includes(code),
      }).toEqual({
        code,
        isLine: true,
        isError: true,
      });
  });

  it('tells a listed code from any other text', () => {
    expect(isImportLineCode('unknown_reference')).toBe(true);
    expect(isImportLineCode('ends_in_the_past')).toBe(false);
    expect(isImportLineCode('toString')).toBe(false);
  });
});
