import { describe, expect, it } from 'vitest';
import { createTranslator } from './i18n';
import { sayCount } from './say-count';

describe('sayCount', () => {
  it('says one of a thing in the singular and any other count in the plural, in both languages', () => {
    // The overview said "1 öppningar de senaste 14 dagarna".
    const sv = createTranslator('sv');
    const en = createTranslator('en');
    expect(sayCount(sv, 'overview.openingsSummary', 1, { days: 14 })).toBe('1 öppning de senaste 14 dagarna');
    expect(sayCount(sv, 'overview.openingsSummary', 12, { days: 14 })).toBe(
      '12 öppningar de senaste 14 dagarna',
    );
    expect(sayCount(sv, 'overview.refusalsSummary', 1, { days: 14 })).toBe(
      '1 nekat försök de senaste 14 dagarna',
    );
    expect(sayCount(en, 'overview.refusalsSummary', 0, { days: 14 })).toBe(
      '0 refused attempts in the last 14 days',
    );
  });
});
