import { describe, expect, it } from 'vitest';
import { sayAsChoice } from './choice-label';

describe('sayAsChoice', () => {
  it('starts a label worded for a sentence with a capital and keeps the rest', () => {
    expect(sayAsChoice('tagg i nyckelgömma')).toBe('Tagg i nyckelgömma');
    expect(sayAsChoice('åtkomst via fastighetens digitala lås')).toBe(
      'Åtkomst via fastighetens digitala lås',
    );
    expect(sayAsChoice('')).toBe('');
  });
});
