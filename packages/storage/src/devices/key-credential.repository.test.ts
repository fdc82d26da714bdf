import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertRows } from '../platform/bulk-insert.repository';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { insertMunicipality } from '../registry/municipality.repository';
import { findEnrolment, insertEnrolment, setPinVerifier } from './device.repository';
import {
  readActivationContext,
  readIssueContext,
  settleActivation,
  takeTicketSequence,
  type ActivationAttempt,
} from './key-credential.repository';

let testDb: TestDatabase;
let municipalityId: string;
let boxId: string;
let keyId: string;
const jwk = { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'B'.repeat(43) };
const verifier = 'hmac-sha256$c2FsdA==$bWFj';

beforeAll(async () => {
  testDb = await createTestDatabase();
  municipalityId = await insertMunicipality(testDb.pool, { code: '0180', name: 'Stockholms stad' });
  const providerId = randomUUID();
  await insertRows(testDb.pool, 'provider', [
    {
      id: providerId,
      municipality_id: municipalityId,
      name: 'Hemtjänst Söder',
      ownership: 'municipal',
      kinds: ['day_home_care'],
    },
  ]);
  keyId = randomUUID();
  await insertRows(testDb.pool, 'digital_key', [
    {
      id: keyId,
      municipality_id: municipalityId,
      provider_id: providerId,
      kind: 'hardware_key',
      serial: 'KC-1',
    },
  ]);
  boxId = (
    await insertEnrolment(testDb.pool, {
      municipalityId,
      kind: 'activation_box',
      publicJwk: jwk,
      enrolledBy: 'test',
    })
  ).id;
  await insertEnrolment(testDb.pool, {
    id: keyId,
    municipalityId,
    kind: 'key',
    digitalKeyId: keyId,
    publicJwk: jwk,
    enrolledBy: 'test',
  });
});
afterAll(async () => testDb.drop());
beforeEach(async () => setPinVerifier(testDb.pool, { municipalityId, digitalKeyId: keyId }, verifier));

const attempt = (change: Partial<ActivationAttempt> = {}): ActivationAttempt => ({
  municipalityId,
  boxId,
  boxNonce: randomBytes(16),
  digitalKeyId: keyId,
  keyNonce: randomBytes(16),
  checkedVerifier: verifier,
  isPinCorrect: false,
  maxFailures: 5,
  ticketExpiresAt: undefined,
  staleEnrolmentIds: [],
  at: new Date('2026-03-03T06:00:00Z'),
  ...change,
});

describe('the issue context of a key', () => {
  it('carries the PIN state with the key, and nothing for a key of another municipality', async () => {
    const context = await readIssueContext(testDb.pool, municipalityId, keyId);
    expect(context?.municipalityCode).toBe('0180');
    expect(context?.key?.pin).toEqual({ verifier, failures: 0, isLocked: false });
    const other = await insertMunicipality(testDb.pool, { code: '0181', name: 'Södertälje' });
    expect((await readIssueContext(testDb.pool, other, keyId))?.key).toBeUndefined();
  });

  it('is read with the box’s and the key’s enrolments in one statement, as they read alone', async () => {
    const read = await readActivationContext(testDb.pool, { boxId, digitalKeyId: keyId });
    expect(read.context).toEqual(await readIssueContext(testDb.pool, municipalityId, keyId));
    expect(read.enrolments.get(boxId)).toEqual(await findEnrolment(testDb.pool, boxId));
    expect(read.enrolments.get(keyId)).toEqual(await findEnrolment(testDb.pool, keyId));
    expect(read.enrolments.get(boxId)?.enrolledAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('has no context when the box is not enrolled, and only the key’s enrolment', async () => {
    const read = await readActivationContext(testDb.pool, { boxId: randomUUID(), digitalKeyId: keyId });
    expect(read.context).toBeUndefined();
    expect([...read.enrolments.keys()]).toEqual([keyId]);
    const none = await readActivationContext(testDb.pool, {
      boxId: randomUUID(),
      digitalKeyId: randomUUID(),
    });
    expect(none).toEqual({ enrolments: new Map(), context: undefined });
  });

  it('is the box’s municipality’s: a key of another municipality is not found there', async () => {
    const other = await insertMunicipality(testDb.pool, { code: '0182', name: 'Nacka' });
    const otherBox = await insertEnrolment(testDb.pool, {
      municipalityId: other,
      kind: 'activation_box',
      publicJwk: jwk,
      enrolledBy: 'test',
    });
    const read = await readActivationContext(testDb.pool, { boxId: otherBox.id, digitalKeyId: keyId });
    expect(read.context?.municipalityCode).toBe('0182');
    expect(read.context?.key).toBeUndefined();
  });
});

describe('settling an activation in one statement', () => {
  it('a right PIN clears the count and takes the next ticket sequence', async () => {
    const before = await takeTicketSequence(
      testDb.pool,
      { municipalityId, digitalKeyId: keyId },
      {
        isActivation: false,
        expiresAt: new Date(0),
        at: new Date('2026-03-03T06:00:00Z'),
      },
    );
    await settleActivation(testDb.pool, attempt());
    const outcome = await settleActivation(
      testDb.pool,
      attempt({ isPinCorrect: true, ticketExpiresAt: new Date('2030-01-01T00:00:00Z') }),
    );
    expect(outcome).toEqual({ kind: 'counted', failures: 0, isLocked: false, ticketSequence: before + 1 });
  });

  it('counts at most five of twenty concurrent wrong guesses, and the fifth locks the PIN', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => settleActivation(testDb.pool, attempt())),
    );
    const counted = outcomes.filter((o) => o.kind === 'counted');
    expect(counted).toHaveLength(5);
    expect(outcomes.filter((o) => o.kind === 'not-counted')).toHaveLength(15);
    expect(counted.filter((o) => o.kind === 'counted' && o.isLocked)).toHaveLength(1);
    // Even the right PIN is now refused until a reset.
    expect(
      await settleActivation(testDb.pool, attempt({ isPinCorrect: true, ticketExpiresAt: new Date() })),
    ).toEqual({
      kind: 'not-counted',
    });
  });

  it('does not count an attempt checked against a verifier that a PIN reset replaced', async () => {
    expect(await settleActivation(testDb.pool, attempt({ checkedVerifier: 'hmac-sha256$old$old' }))).toEqual({
      kind: 'not-counted',
    });
    expect((await readIssueContext(testDb.pool, municipalityId, keyId))?.key?.pin.failures).toBe(0);
  });

  it('refuses a replayed nonce and then changes nothing about the PIN', async () => {
    const first = attempt();
    await settleActivation(testDb.pool, first);
    const replay = await settleActivation(testDb.pool, { ...first, boxNonce: randomBytes(16) });
    expect(replay).toEqual({ kind: 'replayed-key' });
    expect(await settleActivation(testDb.pool, { ...attempt(), boxNonce: first.boxNonce })).toEqual({
      kind: 'replayed-box',
    });
    expect((await readIssueContext(testDb.pool, municipalityId, keyId))?.key?.pin.failures).toBe(1);
  });
});
