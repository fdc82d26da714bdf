// Generates docs/protocol-vectors.json from the fixed test keys in @portvakt/protocol/testing.
// A vector already in the file (same message and name) keeps its published bytes, so a run only
// adds new vectors. Every vector is checked against the reference implementation before the file
// is written. Run: npm run vectors
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProtocolVectorFile, PublicJwk } from '@portvakt/protocol';
import { bytesToHex, checkVector, decodeVector, exportPublicJwk, importVectorKeys } from '@portvakt/protocol';
import {
  addCredentialRequestVectors,
  addDeviceCertificateVectors,
  addIssuerKeySetVectors,
  addTimeAttestationVectors,
  addVisitCheckVectors,
} from './device-vectors';
import { addEventRecordFlagVectors, addEventRecordVectors, addKeyCabinetVectors } from './event-vectors';
import { addLockExchangeVectors } from './lock-exchange-vectors';
import { addEnvelopeVectors, addTicketBlockListVectors, addTicketVectors } from './ticket-vectors';
import { createVectorContext } from './vector-context';

const target = join(fileURLToPath(import.meta.url), '..', '..', '..', 'docs', 'protocol-vectors.json');
const publishedBefore = existsSync(target)
  ? (JSON.parse(readFileSync(target, 'utf8')) as ProtocolVectorFile).vectors
  : [];
const context = await createVectorContext(publishedBefore);

// The groups run in the order the vectors were first published, so the file keeps its order.
const { claims, ticket } = await addTicketVectors(context);
await addLockExchangeVectors(context, ticket);
const chain = await addEventRecordVectors(context);
await addKeyCabinetVectors(context);
await addDeviceCertificateVectors(context);
const request = await addCredentialRequestVectors(context);
await addTicketBlockListVectors(context, claims);
await addEnvelopeVectors(context, ticket);
await addEventRecordFlagVectors(context, chain);
await addIssuerKeySetVectors(context);
await addTimeAttestationVectors(context);
await addVisitCheckVectors(context, request);

const { keys, vectors } = context;
const published: Record<string, PublicJwk> = {};
for (const signer of [keys.issuer, keys.keyA, keys.keyB, keys.lock, keys.cabinet])
  published[bytesToHex(signer.kid)] = await exportPublicJwk(signer.publicKey);
const file: ProtocolVectorFile = { keys: published, vectors };

const vectorKeys = await importVectorKeys(published);
for (const vector of vectors) {
  if (vector.expect === 'accept') vector.decoded = await decodeVector(vector, vectorKeys);
  const outcome = await checkVector(vector, vectorKeys);
  const expected =
    vector.expect === 'accept' ? { outcome: 'accept' } : { outcome: 'reject', reason: vector.reason };
  if (JSON.stringify(outcome) !== JSON.stringify(expected)) {
    throw new Error(`vector "${vector.name}" (${vector.message}): got ${JSON.stringify(outcome)}`);
  }
}
writeFileSync(target, `${JSON.stringify(file, null, 2)}\n`);
console.log(`Wrote ${vectors.length} vectors to docs/protocol-vectors.json`);
