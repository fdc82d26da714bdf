import { describe, expect, it } from 'vitest';
import { createRowCounter } from './export-rows';

/** Feeds `text` one character at a time: a row split anywhere across chunks still counts once. */
function countInPieces(format: 'csv' | 'json', text: string): number {
  const counter = createRowCounter(format);
  for (const char of text) counter.feed(char);
  return counter.rows;
}

describe('row counter', () => {
  it('counts CSV records, not the header and not line breaks inside quoted cells', () => {
    const csv = '\uFEFFid;note\r\n1;"a\nb ""c"""\r\n2;plain\r\n';
    expect(countInPieces('csv', csv)).toBe(2);
    expect(countInPieces('csv', '\uFEFFid;note\r\n')).toBe(0);
  });

  it('counts JSON rows of an array and of an object of arrays, whatever their strings hold', () => {
    expect(countInPieces('json', '[\n{"id":"1","note":"{\\"x\\"\\n{\\""},\n{"id":"2"}\n]\n')).toBe(2);
    expect(countInPieces('json', '{\n"doors": [\n{"id":"1"}\n],\n"locks": [\n\n]\n}\n')).toBe(1);
  });
});
