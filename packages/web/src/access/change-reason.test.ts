// The permission history's "Varför": a reason as given, a key's block reason in the reader's
// words (never the server's code), else the reason of what the change ended.
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../shared/i18n';
import { sayChangeReason } from './change-reason';

const sv = createTranslator('sv');
const en = createTranslator('en');

describe('why a permission changed', () => {
  it('says a key blocked by an ended employment in words, not as a code', () => {
    const blocked = {
      before: { status: 'active' },
      after: { status: 'blocked', statusReason: 'employment_ended' },
    };
    expect(sayChangeReason(blocked, sv)).toBe('Anställningen har upphört');
    expect(sayChangeReason(blocked, en)).toBe('Employment ended');
  });

  it('keeps a typed reason as written, and falls back to the reason of what was ended', () => {
    expect(sayChangeReason({ before: null, after: { reason: 'Vikarie' } }, sv)).toBe('Vikarie');
    expect(sayChangeReason({ before: { reason: 'Vikarie' }, after: { validUntil: 'x' } }, sv)).toBe(
      'Vikarie',
    );
    expect(
      sayChangeReason({ before: {}, after: { statusReason: 'Borttappad under kvällspasset' } }, sv),
    ).toBe('Borttappad under kvällspasset');
    expect(sayChangeReason({ before: {}, after: {} }, sv)).toBeUndefined();
  });
});
