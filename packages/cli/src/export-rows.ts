// Counts the rows of an export as its bytes arrive, for the progress bar: the server writes JSON
// one row per line (`{"…` at a line's start) and CSV with line breaks inside quoted cells only, so
// both are counted without parsing the file (docs/exports.md "Files").

/** A counter fed text in pieces of any size; `rows` is the rows seen so far. */
export interface RowCounter {
  feed(text: string): void;
  readonly rows: number;
}

export function createRowCounter(format: 'csv' | 'json'): RowCounter {
  let rows = 0;
  if (format === 'csv') {
    let isQuoted = false;
    let lineBreaks = 0;
    return {
      feed(text) {
        for (const char of text) {
          if (char === '"') isQuoted = !isQuoted;
          else if (char === '\n' && !isQuoted) lineBreaks += 1;
        }
        // The first line is the header.
        rows = Math.max(0, lineBreaks - 1);
      },
      get rows() {
        return rows;
      },
    };
  }
  let isLineStart = true;
  let isAfterBrace = false;
  return {
    feed(text) {
      for (const char of text) {
        if (isAfterBrace && char === '"') rows += 1;
        isAfterBrace = isLineStart && char === '{';
        isLineStart = char === '\n';
      }
    },
    get rows() {
      return rows;
    },
  };
}
