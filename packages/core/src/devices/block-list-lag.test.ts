import { describe, expect, it } from 'vitest';
import { countBlockListLag, isBehindBlockList } from './block-list-lag';

describe('block-list lag', () => {
  it('counts locks with an older version as behind and those that never reported apart', () => {
    expect(countBlockListLag([4, 3, null, 2, null, 5], 4)).toEqual({ behind: 2, notReported: 2 });
    expect(isBehindBlockList(3, 4)).toBe(true);
    expect(isBehindBlockList(null, 4)).toBe(false);
    expect(isBehindBlockList(4, 4)).toBe(false);
  });
});
