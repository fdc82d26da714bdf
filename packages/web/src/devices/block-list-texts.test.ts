import { describe, expect, it } from 'vitest';
import { createTranslator } from '../shared/i18n';
import { sayBlockListExposure, sayLaggingLocks } from './block-list-texts';

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

describe('the locks a blocked key has not reached yet', () => {
  it('says how many lag, and that only the first are listed when the answer holds fewer', () => {
    expect(sayLaggingLocks(createTranslator('sv'), 210, 200)).toEqual({
      caption: 'Lås som ännu inte har fått spärren (210)',
      note: 'Bara de 200 som ligger längst efter visas här; 10 till har inte heller fått spärren.',
    });
    expect(sayLaggingLocks(createTranslator('en'), 1210, 200)).toEqual({
      caption: 'Locks that have not yet received the block (1,210)',
      note: 'Only the 200 furthest behind are listed here; 1,010 more have not received it either.',
    });
  });

  it('says nothing more when every lagging lock is listed', () => {
    expect(sayLaggingLocks(createTranslator('sv'), 12, 12)).toEqual({
      caption: 'Lås som ännu inte har fått spärren (12)',
    });
  });
});
