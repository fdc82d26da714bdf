import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from './spreadsheet-cells';

describe('text a spreadsheet would run as a formula', () => {
  it('puts an apostrophe before =, +, -, @, a tab or a carriage return that starts text', () => {
    for (const text of ['=HYPERLINK("http://x.example")', '+cmd|', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])
      expect(neutraliseFormula(text)).toBe(`'${text}`);
  });

  it('leaves numbers, phone numbers and any other text as they are', () => {
    for (const text of ['-12,50', '+46 70 123 45 67', '-5', '3.25', 'Karl Berg', 'a=b', '', '2026-03-01'])
      expect(neutraliseFormula(text)).toBe(text);
  });
});
