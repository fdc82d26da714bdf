import { describe, expect, it } from 'vitest';
import { createTranslator } from '../shared/i18n';
import { listChanges } from './audit.page';

describe('the audit trail’s changed values', () => {
  const before = { employmentStartsOn: '2026-12-03', name: 'Anna', code: '2026-Q2', endsAt: null };
  const after = { employmentStartsOn: '2027-01-15', name: 'Anna 2026-12-03', code: '2026-Q3', endsAt: null };

  it('writes a calendar day as the translator does: ISO in Swedish, in words in English', () => {
    expect(listChanges(before, after, createTranslator('sv'))).toEqual([
      { field: 'employmentStartsOn', before: '2026-12-03', after: '2027-01-15' },
      { field: 'name', before: 'Anna', after: 'Anna 2026-12-03' },
      { field: 'code', before: '2026-Q2', after: '2026-Q3' },
    ]);
    expect(listChanges(before, after, createTranslator('en'))).toEqual([
      { field: 'employmentStartsOn', before: '3 Dec 2026', after: '15 Jan 2027' },
      { field: 'name', before: 'Anna', after: 'Anna 2026-12-03' },
      { field: 'code', before: '2026-Q2', after: '2026-Q3' },
    ]);
  });

  it('keeps writing an instant as a date-time', () => {
    const en = createTranslator('en');
    const [change] = listChanges({ endsAt: null }, { endsAt: '2026-12-03T10:00:00.000Z' }, en);
    expect(change).toEqual({
      field: 'endsAt',
      before: '–',
      after: en.formatDateTime('2026-12-03T10:00:00.000Z'),
    });
  });
});
