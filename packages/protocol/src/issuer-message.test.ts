import { beforeAll, describe, expect, it } from 'vitest';
import { decodeCanonical, encodeCanonical, maxUint32 } from './cbor';
import { contentTypes, signCoseSign1 } from './cose';
import { createKeyRing } from './crypto';
import { createFieldMapMessage } from './issuer-message';
import type { TestSigner } from './testing';
import { loadTestKeys } from './testing';
import { readRefusalReason as reasonOf } from './testing';

interface Sample {
  issuer: string;
  count: number;
  label: string;
  note?: number;
}

// A made-up format under a real content type: the helper does not care which message it is.
const sampleMessage = createFieldMapMessage<Sample, 'sample'>({
  what: 'sample',
  parsedAs: 'sample',
  contentType: contentTypes.timeAttestation,
  maxBytes: 256,
  fieldKeys: { count: 2, label: 3, note: 7 },
  toWire: { label: (label) => label.toUpperCase() },
  readFields: (fields) => ({
    count: fields.int(2, 'count', 0, maxUint32),
    label: fields.text(3, 'label', 16).toLowerCase(),
    ...(fields.has(7) ? { note: fields.int(7, 'note', 0, 9) } : {}),
  }),
});

let issuer: TestSigner;
beforeAll(async () => {
  ({ issuer } = await loadTestKeys());
});

const payloadOf = (bytes: Uint8Array) => sampleMessage.parse(bytes).sign1.payload;

describe('createFieldMapMessage', () => {
  it('puts the issuer in field 1 and every other field at its listed key, in its wire form', async () => {
    const bytes = await sampleMessage.sign({ issuer: 'se-0180', count: 3, label: 'door' }, issuer);
    const payload = decodeCanonical(payloadOf(bytes), 256, 'sample') as Map<number, unknown>;
    expect([...payload.entries()]).toEqual([
      [1, 'se-0180'],
      [2, 3],
      [3, 'DOOR'],
    ]);
  });

  it('leaves an undefined field out and reads back what it signed', async () => {
    const ring = createKeyRing([[issuer.kid, issuer.publicKey]]);
    const without = { issuer: 'se-0180', count: 3, label: 'door' };
    expect(await sampleMessage.verify(await sampleMessage.sign(without, issuer), ring)).toEqual(without);
    const withNote = { ...without, note: 4 };
    expect(await sampleMessage.verify(await sampleMessage.sign(withNote, issuer), ring)).toEqual(withNote);
  });

  it('refuses a key it does not list and a missing or overlong issuer', async () => {
    const signRaw = async (fields: [number, unknown][]) =>
      signCoseSign1({
        ...issuer,
        contentType: contentTypes.timeAttestation,
        payload: encodeCanonical(new Map(fields)),
      });
    const base: [number, unknown][] = [
      [2, 3],
      [3, 'DOOR'],
    ];
    const extra = await signRaw([[1, 'se-0180'], ...base, [4, 1]]);
    expect(reasonOf(() => sampleMessage.parse(extra))).toBe('unknown-field');
    const noIssuer = await signRaw(base);
    expect(reasonOf(() => sampleMessage.parse(noIssuer))).toBe('missing-field');
    const longIssuer = await signRaw([[1, 'x'.repeat(65)], ...base]);
    expect(reasonOf(() => sampleMessage.parse(longIssuer))).toBe('out-of-range');
  });

  it('checks the payload before signing, so it never signs what a receiver refuses', async () => {
    await expect(
      sampleMessage.sign({ issuer: 'se-0180', count: 3, label: 'door', note: 10 }, issuer),
    ).rejects.toThrow('note');
  });
});
