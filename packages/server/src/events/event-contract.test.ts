import { eventRecordKinds } from '@portvakt/contract';
import { eventKinds } from '@portvakt/protocol';
import { describe, expect, it } from 'vitest';

describe('the event vocabulary in the contract', () => {
  it('names every record kind at its wire code, as the protocol does', () => {
    expect(Object.fromEntries(eventRecordKinds.map((kind, i) => [kind, i + 1]))).toEqual(eventKinds);
  });
});
