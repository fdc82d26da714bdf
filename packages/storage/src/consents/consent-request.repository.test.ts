// Consent requests, their links and the status per entrance on real PostgreSQL: what
// writeEntranceStatuses keeps of an earlier answer, the reminder lock shared by processes, the
// append-only tables the app role cannot rewrite, and contact-log facts kept with their params.
import { findEntity } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { insertEntity } from '../registry/registry.repository';
import { createRegistryWorld, type RegistryWorld } from '../registry/registry.testing';
import { findConsentLink, insertConsentLink, readConsentLinkView } from './consent-link.repository';
import {
  insertConsentRequest,
  listConsentRequests,
  listDueConsentReminders,
  lockEntranceStatuses,
  recordConsentAnswers,
  tryLockConsentReminders,
  unlockConsentReminders,
  writeEntranceStatuses,
} from './consent-request.repository';
import { insertOwnerContact, insertOwnerContactLog, listOwnerContactLog } from './owner-contact.repository';

let testDb: TestDatabase;
let world: RegistryWorld;
let ownerId: string;
let requestId: string;
const at = new Date('2027-03-01T08:00:00Z');

beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createRegistryWorld(testDb.pool);
  ownerId = await insertEntity(testDb.pool, findEntity('property_owner'), world.municipalityId, {
    name: 'Hyresvärden AB',
  });
  await testDb.superuser.query('UPDATE property SET owner_id = $1 WHERE id = $2', [
    ownerId,
    world.propertyId,
  ]);
  const contact = await insertOwnerContact(
    testDb.pool,
    world.municipalityId,
    ownerId,
    { name: 'Eva Ek', email: 'eva@example.se' },
    at,
  );
  requestId = await insertConsentRequest(testDb.pool, {
    municipalityId: world.municipalityId,
    propertyOwnerId: ownerId,
    propertyId: world.propertyId,
    contactId: contact.id,
    doorIds: [world.entranceId],
    createdBy: 'Lisa',
    at,
  });
});
afterAll(async () => testDb.drop());

describe('entrance statuses', () => {
  it('reads an entrance never asked as not_asked, and keeps an answer until it is asked again', async () => {
    expect(await lockEntranceStatuses(testDb.pool, world.municipalityId, [world.entranceId])).toEqual(
      new Map([[world.entranceId, 'not_asked']]),
    );
    await writeEntranceStatuses(
      testDb.pool,
      world.municipalityId,
      [{ doorId: world.entranceId, status: 'asked' }],
      at,
    );
    const answeredAt = new Date(at.getTime() + 60_000);
    await writeEntranceStatuses(
      testDb.pool,
      world.municipalityId,
      [{ doorId: world.entranceId, status: 'declined' }],
      answeredAt,
      { name: 'Eva Ek', title: 'Förvaltare' },
    );
    const read = async () =>
      (
        await testDb.pool.query(
          'SELECT status, answered_by_name AS name, answered_at AS "answeredAt" FROM entrance_consent WHERE door_id = $1',
          [world.entranceId],
        )
      ).rows[0];
    expect(await read()).toEqual({ status: 'declined', name: 'Eva Ek', answeredAt });
    await writeEntranceStatuses(
      testDb.pool,
      world.municipalityId,
      [{ doorId: world.entranceId, status: 'reminded' }],
      at,
    );
    expect(await read()).toEqual({ status: 'reminded', name: 'Eva Ek', answeredAt });
    await writeEntranceStatuses(
      testDb.pool,
      world.municipalityId,
      [{ doorId: world.entranceId, status: 'asked' }],
      at,
    );
    expect(await read()).toEqual({ status: 'asked', name: null, answeredAt: null });
  });

  it('lists a request with its doors, and records answers that use the request up', async () => {
    const [request] = await listConsentRequests(testDb.pool, world.municipalityId, { requestId });
    expect(request!.doors.map((door) => [door.doorId, door.status, door.answer])).toEqual([
      [world.entranceId, 'asked', null],
    ]);
    expect(await listConsentRequests(testDb.pool, world.otherMunicipalityId, { requestId })).toEqual([]);
    expect(await listDueConsentReminders(testDb.pool, world.municipalityId, at, 2)).toEqual([requestId]);
    await recordConsentAnswers(
      testDb.pool,
      world.municipalityId,
      requestId,
      [{ doorId: world.entranceId, answer: 'consented' }],
      { name: 'Eva Ek', title: null },
      at,
    );
    const [answered] = await listConsentRequests(testDb.pool, world.municipalityId, { requestId });
    expect(answered!.answeredAt).toEqual(at);
    expect(answered!.doors[0]!.answer).toBe('consented');
    expect(await listDueConsentReminders(testDb.pool, world.municipalityId, at, 2)).toEqual([]);
  });
});

describe('links', () => {
  it('finds a link by its hash only, with the request it belongs to', async () => {
    const tokenHash = Buffer.alloc(32, 7);
    await insertConsentLink(testDb.pool, {
      tokenHash,
      requestId,
      municipalityId: world.municipalityId,
      createdAt: at,
      expiresAt: new Date(at.getTime() + 86_400_000),
    });
    expect(await findConsentLink(testDb.pool, tokenHash)).toMatchObject({ requestId, answeredAt: at });
    expect(await findConsentLink(testDb.pool, Buffer.alloc(32, 8))).toBeUndefined();
    const view = await readConsentLinkView(testDb.pool, world.municipalityId, requestId);
    expect(view).toMatchObject({ ownerName: 'Hyresvärden AB', streetAddress: 'Sveavägen 1' });
    expect(view.entrances.map((entrance) => entrance.doorId)).toEqual([world.entranceId]);
  });

  it("keeps a contact-log fact with its outcome kind and params, and a person's entry as a note", async () => {
    const entry = {
      propertyOwnerId: ownerId,
      kind: 'email',
      at,
      madeBy: 'Lisa',
      consentRequestId: requestId,
      recordedBy: 'Lisa',
      recordedAt: at,
    };
    const fact = await insertOwnerContactLog(testDb.pool, world.municipalityId, {
      ...entry,
      outcomeKind: 'consent_reminder_sent',
      outcome: '',
      params: { reminder: 1, contactName: 'Eva Ek', email: 'eva@x.example' },
    });
    const note = await insertOwnerContactLog(testDb.pool, world.municipalityId, {
      ...entry,
      outcome: 'Ringde',
    });
    const log = await listOwnerContactLog(testDb.pool, world.municipalityId, ownerId);
    const byId = new Map(log.map((row) => [row.id, row]));
    expect(byId.get(fact.id)).toMatchObject({
      outcomeKind: 'consent_reminder_sent',
      outcome: '',
      params: { reminder: 1, contactName: 'Eva Ek', email: 'eva@x.example' },
    });
    expect(byId.get(note.id)).toMatchObject({ outcomeKind: 'note', outcome: 'Ringde', params: null });
    await expect(
      testDb.pool.query(
        `INSERT INTO owner_contact_log (municipality_id, property_owner_id, kind, at, made_by, outcome,
           recorded_by, outcome_kind) VALUES ($1, $2, 'call', $3, 'x', 'x', 'x', 'gossip')`,
        [world.municipalityId, ownerId, at],
      ),
    ).rejects.toThrow(/outcome_kind/);
  });

  it('keeps links and the contact log from being rewritten by the app role', async () => {
    await insertOwnerContactLog(testDb.pool, world.municipalityId, {
      propertyOwnerId: ownerId,
      kind: 'call',
      at,
      madeBy: 'Lisa',
      outcome: 'Ja',
      consentRequestId: requestId,
      recordedBy: 'Lisa',
      recordedAt: at,
    });
    await expect(testDb.pool.query("UPDATE owner_contact_log SET outcome = 'Nej'")).rejects.toThrow(
      /permission denied/,
    );
    await expect(testDb.pool.query('DELETE FROM owner_contact_log')).rejects.toThrow(/permission denied/);
    await expect(testDb.pool.query('UPDATE consent_link SET expires_at = now()')).rejects.toThrow(
      /permission denied/,
    );
  });
});

describe('the reminder run lock', () => {
  it('lets one session hold it and the others skip', async () => {
    const first = await testDb.pool.connect();
    const second = await testDb.pool.connect();
    try {
      expect(await tryLockConsentReminders(first)).toBe(true);
      expect(await tryLockConsentReminders(second)).toBe(false);
      await unlockConsentReminders(first);
      expect(await tryLockConsentReminders(second)).toBe(true);
      await unlockConsentReminders(second);
    } finally {
      first.release();
      second.release();
    }
  });
});
