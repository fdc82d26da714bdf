import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProtocolVectorFile } from './vectors';
import { checkVector, decodeVector, importVectorKeys, vectorMessages } from './vectors';

const path = join(fileURLToPath(import.meta.url), '..', '..', '..', '..', 'docs', 'protocol-vectors.json');
const file = JSON.parse(readFileSync(path, 'utf8')) as ProtocolVectorFile;
let keys: Awaited<ReturnType<typeof importVectorKeys>>;
beforeAll(async () => {
  keys = await importVectorKeys(file.keys);
});

describe('docs/protocol-vectors.json', () => {
  it.each(vectorMessages)('has at least one accept and one reject for %s', (message) => {
    const ofType = file.vectors.filter((v) => v.message === message);
    expect(ofType.some((v) => v.expect === 'accept')).toBe(true);
    expect(ofType.some((v) => v.expect === 'reject' && v.reason)).toBe(true);
  });

  it.each(file.vectors.map((v) => [`${v.message}: ${v.name}`, v] as const))('%s', async (_name, vector) => {
    const outcome = await checkVector(vector, keys);
    expect(outcome).toEqual(
      vector.expect === 'accept' ? { outcome: 'accept' } : { outcome: 'reject', reason: vector.reason },
    );
    if (vector.expect === 'accept') {
      expect(vector.decoded).toBeDefined();
      expect(await decodeVector(vector, keys)).toEqual(vector.decoded);
    }
  });

  it('covers the strict-encoding rejections every implementation must make', () => {
    const names = file.vectors.map((v) => `${v.name} → ${v.reason ?? 'accept'}`).join('\n');
    for (const pattern of [
      /tag 18 → malformed-cbor/,
      /ES384.* → wrong-algorithm/,
      /unprotected header .* → unknown-field/,
      /key 1 twice → malformed-cbor/,
      /indefinite-length .* → malformed-cbor/,
      /float64 .* → non-canonical/,
      /high-S .* → non-canonical/,
      /more bytes than needed → non-canonical/,
    ])
      expect(names).toMatch(pattern);
  });
});
