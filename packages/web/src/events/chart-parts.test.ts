import { describe, expect, it } from 'vitest';
import { estimateLabelWidth, shortenLabel } from './chart-parts';

describe('chart row labels', () => {
  it('keeps a label that fits whole', () => {
    expect(shortenLabel('Hemtjänst Söder', 174)).toBe('Hemtjänst Söder');
  });

  it('cuts a long label with an ellipsis so that it fits the label column', () => {
    const label = 'Låsservice AB – Jourlinjen Stockholm';
    const shown = shortenLabel(label, 174);
    expect(shown.endsWith('…')).toBe(true);
    expect(label.startsWith(shown.slice(0, -1))).toBe(true);
    expect(estimateLabelWidth(shown)).toBeLessThanOrEqual(174);
  });

  it('cuts a label of wide capitals sooner than one of narrow letters of the same length', () => {
    const wide = shortenLabel('ÅÄÖ MMMM WWWW AAAA BBBB CCCC', 174);
    const narrow = shortenLabel('illi tilt fill lift iiii jjjj', 174);
    expect(wide.length).toBeLessThan(narrow.length);
  });
});
