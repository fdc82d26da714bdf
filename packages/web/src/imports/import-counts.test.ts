import type { ImportOutcome } from '@portvakt/contract';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../shared/i18n';
import { sayImportSummary } from './import-counts';
import { sayCount } from '../shared/say-count';

const sv = createTranslator('sv');
const en = createTranslator('en');

const outcome = (counts: Partial<ImportOutcome>): ImportOutcome => ({
  rows: 0,
  created: 0,
  updated: 0,
  ended: 0,
  unchanged: 0,
  changes: [],
  isTruncated: false,
  ...counts,
});

describe('the import page’s counts', () => {
  it('says rows read in words that agree with the number, in Swedish and English', () => {
    expect(sayImportSummary(sv, outcome({ rows: 1, created: 1 }), false)).toBe(
      '1 rad läst: 1 skapas, 0 ändras, 0 avslutas, 0 oförändrade.',
    );
    expect(sayImportSummary(sv, outcome({ rows: 2, unchanged: 1, updated: 1 }), true)).toBe(
      '2 rader lästa: 0 skapades, 1 ändrades, 0 avslutades, 1 oförändrad.',
    );
    expect(sayImportSummary(en, outcome({ rows: 1, unchanged: 1 }), false)).toBe(
      '1 row read: 0 to create, 0 to change, 0 to end, 1 unchanged.',
    );
    expect(sayImportSummary(en, outcome({ rows: 1201, created: 1201 }), true)).toBe(
      '1,201 rows read: 1,201 created, 0 changed, 0 ended, 0 unchanged.',
    );
    expect(sayImportSummary(sv, outcome({}), false)).toMatch(/^0 rader lästa: /);
  });

  it('says errors and progress in words that agree with the number', () => {
    expect(sayCount(en, 'imports.errorsIntro', 1)).toBe('1 error. Nothing was changed.');
    expect(sayCount(en, 'imports.errorsIntro', 2)).toBe('2 errors. Nothing was changed.');
    expect(sayCount(sv, 'imports.errorsIntro', 1)).toBe('1 fel. Inget har ändrats.');
    expect(sayCount(sv, 'imports.progress', 1, { done: '0' })).toBe('0 av 1 ändring');
    expect(sayCount(en, 'imports.progress', 1201, { done: '600' })).toBe('600 of 1,201 changes');
  });
});
