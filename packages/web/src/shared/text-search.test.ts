import { describe, expect, it } from 'vitest';
import { filterOptions } from './text-search';

const options = [
  { value: '1', label: 'Björk, Elsa', hint: 'Östergatan 12, Lgh 1102' },
  { value: '2', label: 'Berg, Karl', hint: 'Storgatan 1' },
  { value: '3', label: 'Lund, Greta' },
];

describe('filterOptions', () => {
  it('keeps the options holding every typed word, in the label or the hint, accents and case aside', () => {
    expect(filterOptions(options, 'bjork').map((o) => o.value)).toEqual(['1']);
    expect(filterOptions(options, 'ostergatan 1102').map((o) => o.value)).toEqual(['1']);
    expect(filterOptions(options, 'KARL storgatan').map((o) => o.value)).toEqual(['2']);
    expect(filterOptions(options, 'karl östergatan')).toEqual([]);
  });

  it('keeps every option for blank text', () => {
    expect(filterOptions(options, '  ')).toHaveLength(3);
  });
});
