import { describe, expect, it } from 'vitest';
import { hexToBytes } from './bytes';
import { decodeCanonical, encodeCanonical, FieldReader } from './cbor';
import { readRefusalReason as reasonOf } from './testing';

describe('decodeCanonical', () => {
  it('accepts the deterministic encoding of a map with integer keys', () => {
    const bytes = encodeCanonical(
      new Map<number, unknown>([
        [-1, 'a'],
        [1, 2],
        [10, new Uint8Array([1])],
      ]),
    );
    expect(decodeCanonical(bytes, 100, 'x')).toEqual(
      new Map<number, unknown>([
        [1, 2],
        [10, new Uint8Array([1])],
        [-1, 'a'],
      ]),
    );
  });

  it.each([
    ['trailing bytes', '0100', 'trailing-bytes'],
    ['a non-minimal integer', '1817', 'non-canonical'],
    ['a float where an integer is canonical', 'fb3ff0000000000000', 'non-canonical'],
    ['map keys out of order', 'a20a010101', 'non-canonical'],
    ['duplicate map keys', 'a201010102', 'malformed-cbor'],
    ['an indefinite-length string', '5f41004100ff', 'malformed-cbor'],
    ['a tag', 'c11a00000000', 'malformed-cbor'],
    ['undefined', 'f7', 'malformed-cbor'],
    ['a truncated item', '4401', 'malformed-cbor'],
    ['empty input', '', 'malformed-cbor'],
  ])('rejects %s', (_name, hex, reason) => {
    expect(reasonOf(() => decodeCanonical(hexToBytes(hex), 100, 'x'))).toBe(reason);
  });

  it('skips only the re-encoding comparison for an issuer’s own fresh encoding', () => {
    // Keys out of order: only the comparison with the canonical re-encoding notices.
    expect(reasonOf(() => decodeCanonical(hexToBytes('a20a010101'), 100, 'x', { isOwnEncoding: true }))).toBe(
      'accepted',
    );
    // Every check made while decoding still runs.
    for (const hex of ['0100', 'a201010102', 'f7']) {
      expect(reasonOf(() => decodeCanonical(hexToBytes(hex), 100, 'x', { isOwnEncoding: true }))).not.toBe(
        'accepted',
      );
    }
    expect(reasonOf(() => decodeCanonical(new Uint8Array(101), 100, 'x', { isOwnEncoding: true }))).toBe(
      'oversize',
    );
  });

  it('rejects input over the size limit before parsing it', () => {
    expect(reasonOf(() => decodeCanonical(new Uint8Array(101), 100, 'x'))).toBe('oversize');
  });
});

describe('FieldReader', () => {
  it('rejects fields that are not allowed', () => {
    expect(
      reasonOf(
        () =>
          new FieldReader(
            new Map([
              [1, 1],
              [99, 1],
            ]),
            'x',
            [1],
          ),
      ),
    ).toBe('unknown-field');
  });

  it('reports a missing required field and a wrong type', () => {
    const fields = new FieldReader(new Map<number, unknown>([[1, 'text']]), 'x', [1, 2]);
    expect(reasonOf(() => fields.int(2, 'two'))).toBe('missing-field');
    expect(reasonOf(() => fields.int(1, 'one'))).toBe('wrong-type');
  });
});
