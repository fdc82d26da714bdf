import { importLineCodes, type ImportLineErrorBody } from '@portvakt/contract';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../shared/i18n';
import { sayLineProblem, sayLineWhere } from './import-line-errors';

const line = (code: string, params?: ImportLineErrorBody['params']): ImportLineErrorBody => ({
  file: 'personal.csv',
  line: 3,
  field: 'providerId',
  message: 'the server’s English words',
  code,
  ...(params ? { params } : {}),
});

const sv = createTranslator('sv');
const en = createTranslator('en');

describe('an import’s line errors in the reader’s words', () => {
  it('words every code the server gives, in Swedish and English, never in the server’s English', () => {
    for (const code of importLineCodes)
      for (const translator of [sv, en]) {
        const words = sayLineProblem(translator, line(code));
        expect(words, `${translator.language} ${code}`).not.toBe('the server’s English words');
        expect(words, `${translator.language} ${code}`).not.toMatch(/imports\.problem/);
      }
    expect(new Set(importLineCodes.map((code) => sayLineProblem(sv, line(code)))).size).toBe(
      importLineCodes.length,
    );
  });

  it('puts the line’s parameters in: a kind by its name, a number as the language writes it', () => {
    const reference = line('unknown_reference', { kind: 'providers', value: 'U-SAKNAS' });
    expect(sayLineProblem(sv, reference)).toBe(
      'Utförare U-SAKNAS finns varken i filerna eller i en tidigare import.',
    );
    expect(sayLineProblem(en, reference)).toBe(
      'Provider U-SAKNAS is neither in the files nor in an earlier import.',
    );
    expect(sayLineProblem(sv, line('too_large', { limit: 44640 }))).toBe(
      `Värdet får vara högst ${sv.formatNumber(44640)}.`,
    );
    expect(sayLineProblem(en, line('too_large', { limit: 44640 }))).toBe('The value may be at most 44,640.');
    expect(
      sayLineProblem(sv, line('value_not_allowed', { allowed: 'assistant_nurse, care_assistant, nurse' })),
    ).toBe('Värdet är inte tillåtet. Tillåtna värden: assistant_nurse, care_assistant, nurse.');
    expect(sayLineProblem(sv, line('cannot_change', { before: '', after: 'P1' }))).toBe(
      'Fältet kan inte ändras (– → P1). Avsluta posten och ge en ny i stället.',
    );
    expect(
      sayLineProblem(en, line('duplicate_key', { key: 'P1', firstFile: 'personal.csv', firstLine: 2 })),
    ).toBe('Id P1 already appears on line 2 of personal.csv.');
  });

  it('words a refusal a failed import stopped at as any refusal of its code, else in the server’s words', () => {
    expect(sayLineProblem(sv, line('customer_not_served'))).toBe('Utföraren har inte kunden den dagen.');
    expect(sayLineProblem(en, line('ends_in_the_past'))).toMatch(/^An end cannot be placed in the past/);
    expect(sayLineProblem(sv, line('a_code_from_a_newer_server'))).toBe('the server’s English words');
  });

  it('says where a line is, or which record a full import was ending', () => {
    expect(sayLineWhere(sv, line('value_missing'))).toBe('personal.csv:3');
    const ending = {
      ...line('ends_in_the_past', { kind: 'memberships', key: 'M1', action: 'end' }),
      file: 'memberships',
      line: 0,
    };
    expect(sayLineWhere(sv, ending)).toBe('Teammedlemskap M1, som inte längre finns i filerna');
    expect(sayLineWhere(en, ending)).toBe('Team membership M1, no longer in the files');
  });
});
