import { describe, expect, it } from 'vitest';
import { createOptionalColumn } from './optional-column';

interface Row {
  id: string;
  city: string | null;
}

describe('createOptionalColumn', () => {
  const column = createOptionalColumn<Row>('city', 'Ort', '–');

  it('shows the text a row has', () => {
    expect(column.render({ id: '1', city: 'Västerås' })).toBe('Västerås');
  });

  it('says none for a missing, empty or blank text, which the API may store', () => {
    for (const city of [null, '', '   ']) expect(column.render({ id: '1', city })).toBe('–');
  });
});
