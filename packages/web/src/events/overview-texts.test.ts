import { describe, expect, it } from 'vitest';
import { createTranslator } from '../shared/i18n';
import { sayKeysSummary } from './overview-texts';

describe('the overview’s key summary', () => {
  it('says each count in words that agree with the number', () => {
    expect(sayKeysSummary(createTranslator('sv'), { active: 1, blocked: 1, lost: 1 })).toBe(
      '1 aktiv, 1 spärrad, 1 borttappad (spärrad)',
    );
    expect(sayKeysSummary(createTranslator('sv'), { active: 117, blocked: 2, lost: 0 })).toBe(
      '117 aktiva, 2 spärrade, 0 borttappade (spärrade)',
    );
    expect(sayKeysSummary(createTranslator('en'), { active: 1, blocked: 2, lost: 1 })).toBe(
      '1 active, 2 blocked, 1 lost (blocked)',
    );
  });
});
