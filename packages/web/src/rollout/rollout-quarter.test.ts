import { describe, expect, it } from 'vitest';
import { createTranslator } from '../shared/i18n';
import { sayQuarter } from './rollout-quarter';

describe('a district’s start quarter', () => {
  it('is written as the reader writes it, not as stored', () => {
    expect(sayQuarter(createTranslator('sv'), '2025-Q4')).toBe('kvartal 4 2025');
    expect(sayQuarter(createTranslator('en'), '2025-Q4')).toBe('Q4 2025');
    expect(sayQuarter(createTranslator('sv'), 'hösten')).toBe('hösten');
  });
});
