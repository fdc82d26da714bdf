import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Scope } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventWorld, type EventWorld } from '../events/events.testing';
import { insertRows } from '../platform/bulk-insert.repository';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import {
  completePhoneVisit,
  insertPhoneVisit,
  lockStaffPhoneVisits,
  readPhoneVisitContext,
  type PhoneVisitEvidence,
} from './phone-visit.repository';
import { findVisitDetail, replaceVisitVersion } from './visit.repository';
import { withTransaction } from '../platform/transaction';

let testDb: TestDatabase;
let world: EventWorld;
let phoneId: string;
let north: Scope;
const arrival = new Date('2026-03-02T08:00:00.123Z');
const departure = new Date('2026-03-02T08:35:00.456Z');

const evidenceOf = (signedAt: Date): PhoneVisitEvidence => {
  const request = randomBytes(160);
  return {
    deviceId: phoneId,
    nonce: randomBytes(16),
    signedAt,
    request,
    requestSha256: createHash('sha256').update(request).digest(),
  };
};

beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createEventWorld(testDb.pool);
  north = { kind: 'provider', municipalityId: world.municipalityId, providerId: world.northId };
  phoneId = randomUUID();
  await insertRows(testDb.pool, 'digital_key', [
    {
      id: phoneId,
      municipality_id: world.municipalityId,
      provider_id: world.northId,
      kind: 'phone',
      serial: `PH-${phoneId.slice(0, 8)}`,
      holder_staff_member_id: world.staffId,
    },
  ]);
  await testDb.pool.query(
    `INSERT INTO key_credential (digital_key_id, ticket_sequence, last_activation_at, last_ticket_expires_at)
     VALUES ($1, 1, $2, $3)`,
    [phoneId, new Date('2026-03-02T07:00:00Z'), new Date('2026-03-02T19:00:00Z')],
  );
});
afterAll(async () => testDb.drop());

const open = (evidence = evidenceOf(arrival)) =>
  withTransaction(testDb.pool, async (client) => {
    await lockStaffPhoneVisits(client, world.staffId);
    return insertPhoneVisit(client, {
      municipalityId: world.municipalityId,
      providerId: world.northId,
      customerId: world.gunId,
      staffMemberId: world.staffId,
      arrival,
      createdBy: 'phone',
      evidence,
    });
  });

describe('phone visit repository', () => {
  let visitId: string;
  let arrivalEvidence: PhoneVisitEvidence;

  it('reads the phone’s holder, login, customer and no open visit in one statement', async () => {
    const context = await readPhoneVisitContext(testDb.pool, {
      municipalityId: world.municipalityId,
      digitalKeyId: phoneId,
      customerId: world.gunId,
      at: arrival,
    });
    expect(context).toMatchObject({
      municipalityId: world.municipalityId,
      key: {
        status: 'active',
        lastActivationAt: '2026-03-02T07:00:00.000Z',
        ticketExpiresAt: '2026-03-02T19:00:00.000Z',
      },
      staff: { id: world.staffId, providerId: world.northId },
      isCustomerInReach: true,
      openVisit: undefined,
    });
    // Bertil is South's customer (North served him until 2021): out of the North holder's reach.
    expect(
      (
        await readPhoneVisitContext(testDb.pool, {
          municipalityId: world.municipalityId,
          digitalKeyId: phoneId,
          customerId: world.bertilId,
          at: arrival,
        })
      )?.isCustomerInReach,
    ).toBe(false);
    // Another municipality's customer is not there; an unknown key has no context.
    const { rows } = await testDb.pool.query<{ id: string }>(
      `INSERT INTO customer (municipality_id, district_id, given_name, family_name)
       SELECT $1, id, 'Olle', 'Annan' FROM district WHERE municipality_id = $1 LIMIT 1 RETURNING id`,
      [world.otherMunicipalityId],
    );
    const foreign = rows[0]?.id ?? randomUUID();
    expect(
      (
        await readPhoneVisitContext(testDb.pool, {
          municipalityId: world.municipalityId,
          digitalKeyId: phoneId,
          customerId: foreign,
          at: arrival,
        })
      )?.isCustomerInReach,
    ).toBe(false);
    expect(
      await readPhoneVisitContext(testDb.pool, {
        municipalityId: world.municipalityId,
        digitalKeyId: randomUUID(),
        customerId: world.gunId,
        at: arrival,
      }),
    ).toBeUndefined();
  });

  it('opens one incomplete phone visit with its arrival’s signed request, and no second while it is open', async () => {
    arrivalEvidence = evidenceOf(new Date(arrival.getTime() - 2000));
    const first = await open(arrivalEvidence);
    expect(first).toEqual({ visitId: expect.any(String) });
    visitId = (first as { visitId: string }).visitId;
    expect(await open()).toEqual({ openVisitId: visitId });
    const context = await readPhoneVisitContext(testDb.pool, {
      municipalityId: world.municipalityId,
      digitalKeyId: phoneId,
      customerId: world.gunId,
      at: departure,
    });
    expect(context?.openVisit).toEqual({ id: visitId, version: 1, arrival });
    const detail = await findVisitDetail(testDb.pool, north, visitId);
    expect(detail?.visit).toMatchObject({
      source: 'phone',
      state: 'incomplete',
      staffMemberIds: [world.staffId],
    });
    expect(detail?.evidence).toEqual([
      {
        kind: 'phone_request',
        role: 'arrival',
        deviceId: phoneId,
        occurredAt: arrival,
        nonce: arrivalEvidence.nonce,
        signedAt: arrivalEvidence.signedAt,
        request: arrivalEvidence.request,
        requestSha256: arrivalEvidence.requestSha256,
      },
    ]);
  });

  it('refuses the same signed request twice (device and nonce) and changes nothing', async () => {
    await expect(
      completePhoneVisit(testDb.pool, {
        visitId,
        municipalityId: world.municipalityId,
        departure,
        evidence: { ...evidenceOf(departure), nonce: arrivalEvidence.nonce },
      }),
    ).rejects.toThrow(/phone_visit_event_device_id_nonce_key/);
    expect((await findVisitDetail(testDb.pool, north, visitId))?.visit.state).toBe('incomplete');
  });

  it('completes the open first version as the second, with the departure’s evidence, once', async () => {
    const departureEvidence = evidenceOf(departure);
    const complete = () =>
      completePhoneVisit(testDb.pool, {
        visitId,
        municipalityId: world.municipalityId,
        departure,
        evidence: evidenceOf(departure),
      });
    expect(
      await completePhoneVisit(testDb.pool, {
        visitId,
        municipalityId: world.municipalityId,
        departure,
        evidence: departureEvidence,
      }),
    ).toBe(true);
    expect(await complete()).toBe(false);
    const detail = await findVisitDetail(testDb.pool, north, visitId);
    expect(detail?.visit).toMatchObject({ version: 2, state: 'registered', arrival, departure });
    // The open first version stays as it was, naming only the arrival.
    expect(detail?.versions.map((v) => [v.version, v.state, v.evidence.map((e) => e.role)])).toEqual([
      [1, 'incomplete', ['arrival']],
      [2, 'registered', ['arrival', 'departure']],
    ]);
    expect(detail?.evidence.map((e) => [e.role, e.kind, e.occurredAt])).toEqual([
      ['arrival', 'phone_request', arrival],
      ['departure', 'phone_request', departure],
    ]);
    const { rows } = await testDb.pool.query(
      'SELECT count(*)::int AS n FROM phone_visit_event WHERE visit_id = $1',
      [visitId],
    );
    expect(rows[0].n).toBe(2);
  });

  it('keeps naming a request only while the current version keeps the time it gave', async () => {
    await replaceVisitVersion(testDb.pool, {
      municipalityId: world.municipalityId,
      visitId,
      expectedVersion: 2,
      by: 'Arbetsledare',
      reason: 'Gick senare',
      isLate: false,
      next: {
        customerId: world.gunId,
        staffMemberIds: [world.staffId],
        state: 'corrected',
        arrival,
        departure: new Date('2026-03-02T08:50:00Z'),
        services: [],
        declinedReason: null,
        note: null,
      },
    });
    const detail = await findVisitDetail(testDb.pool, north, visitId);
    expect(detail?.evidence.map((e) => e.role)).toEqual(['arrival']);
  });

  it('is never changed or deleted by the application', async () => {
    await expect(
      testDb.pool.query('DELETE FROM phone_visit_event WHERE visit_id = $1', [visitId]),
    ).rejects.toThrow(/permission denied/);
    await expect(
      testDb.pool.query(`UPDATE phone_visit_event SET signed_at = now() WHERE visit_id = $1`, [visitId]),
    ).rejects.toThrow(/permission denied/);
  });
});
