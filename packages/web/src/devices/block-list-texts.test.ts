import { describe, expect, it } from 'vitest';
import { createTranslator } from '../shared/i18n';
import { sayBlockListExposure } from './block-list-texts';

describe('the block list’s lag in words', () => {
  it('tells locks with an older version from locks that never reported one, as "Idag live" counts', () => {
    const locks = [4, 3, 3, null, null, null].map((reportedVersion) => ({ reportedVersion }));
    expect(sayBlockListExposure(createTranslator('sv'), locks, 4)).toBe(
      '2 av 6 installerade lås har en äldre version än 4 (ligger efter); 3 har inte rapporterat någon version.',
    );
    expect(sayBlockListExposure(createTranslator('en'), locks, 4)).toBe(
      '2 of 6 installed locks have a version older than 4 (lagging); 3 have not reported any version.',
    );
  });
});
