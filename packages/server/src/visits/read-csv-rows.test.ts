// The CSV reader of care-system files (docs/imports.md "Errors"): problems name the line a row starts on, a
// row with the wrong number of cells is that row's error and the rows after it are still read,
// and Excel's trailing `;` after the last column is no column.
import { describe, expect, it } from 'vitest';
import { readCsvRows } from './read-csv-rows';

const headers = {
  externalId: ['kund-id'],
  districtId: ['område'],
  givenName: ['förnamn'],
  familyName: ['efternamn'],
};
const header = 'kund-id;område;förnamn;efternamn';
const read = (lines: string[], eol = '\n') => readCsvRows(lines.join(eol), headers, []);

describe('readCsvRows', () => {
  it('names the line a row with a quote never closed starts on, not the file’s last line', () => {
    const rows = Array.from({ length: 997 }, (_, i) => `K${i + 3};NORR;Per;Persson`);
    const { problems } = read([header, 'K1;NORR;Per;Persson', 'K2;NORR;"Per;Persson', ...rows]);
    expect(problems).toEqual([expect.objectContaining({ line: 3, code: 'file_unreadable' })]);
  });

  it('counts a quoted line break and blank lines, with Windows line ends too', () => {
    const { rows, problems } = read(
      [header, 'K1;NORR;"Per\r\nOla";Persson', '', 'K2;NORR;"Per;Persson', 'K3;NORR;Per;Persson'],
      '\r\n',
    );
    expect(rows).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ line: 5, code: 'file_unreadable' })]);
  });

  it('reports each row with too many or too few cells as that row’s error and reads the rest', () => {
    const { rows, problems } = read([header, 'K1;NORR;Per;Persson;extra', 'K2;NORR;Per', 'K3;NORR;Ada;Berg']);
    expect(problems).toEqual([
      expect.objectContaining({ line: 2, code: 'wrong_cell_count', params: { expected: 4, found: 5 } }),
      expect.objectContaining({ line: 3, code: 'wrong_cell_count', params: { expected: 4, found: 3 } }),
    ]);
    expect(rows).toEqual([
      { line: 4, value: { externalId: 'K3', districtId: 'NORR', givenName: 'Ada', familyName: 'Berg' } },
    ]);
  });

  it('takes an empty header cell at the end (Excel’s trailing ;) as no column while its cells are empty', () => {
    const { rows, problems } = read([
      `${header};`,
      'K1;NORR;Per;Persson;',
      'K2;NORR;Ada;Berg',
      'K3;NORR;Eva;Ek;x',
    ]);
    expect(rows.map((row) => row.line)).toEqual([2, 3]);
    expect(problems).toEqual([expect.objectContaining({ line: 4, code: 'wrong_cell_count' })]);
  });

  it('refuses a file of a BOM only, or a header only, as empty', () => {
    expect(read(['\uFEFF']).problems).toEqual([expect.objectContaining({ line: 1, code: 'empty_file' })]);
    expect(read([header]).problems).toEqual([expect.objectContaining({ line: 1, code: 'empty_file' })]);
  });
});
