// Helpers for the end-to-end tests of key cabinets: a cabinet unit enrolled through the API, the
// backup keys put in its slots, and the pseudonym a cabinet records for a staff member.
import { KeyCabinet, type WorldClock } from '@portvakt/devices';
import { uuidToBytes } from '@portvakt/protocol';
import type { ApiClient, ApiResponse, TestServer, World } from '@portvakt/server/testing';
import { insertBackupKeyForTest, verifyEventLog } from '@portvakt/storage';
import { expect } from 'vitest';
import type pg from 'pg';

/** A cabinet unit with a fresh key pair, enrolled as the registry's cabinet `cabinetId`; the server's answer with it. */
export async function enrolCabinetUnit(
  admin: ApiClient,
  cabinetId: string,
  unit: { slotCount: number; world: WorldClock; occupiedSlots: number[] },
): Promise<{ cabinet: KeyCabinet; reply: ApiResponse }> {
  const cabinet = await KeyCabinet.create({ deviceId: uuidToBytes(cabinetId), ...unit });
  const reply = await admin.post('/api/v1/devices', {
    kind: 'key_cabinet',
    keyCabinetId: cabinetId,
    publicJwk: await cabinet.exportPublicJwk(),
  });
  if (reply.status !== 201)
    throw new Error(`enrolling the cabinet: ${reply.status} ${JSON.stringify(reply.body)}`);
  return { cabinet, reply };
}

/** Backup keys to customer a's apartment door in the cabinet's `slots` (label per slot); their ids by slot. */
export async function putBackupKeys(
  pool: pg.Pool,
  place: { municipalityId: string; world: World; keyCabinetId: string },
  slots: ReadonlyArray<readonly [slot: number, label: string]>,
): Promise<Map<number, string>> {
  const ids = new Map<number, string>();
  for (const [slot, label] of slots)
    ids.set(
      slot,
      await insertBackupKeyForTest(pool, {
        municipalityId: place.municipalityId,
        customerId: place.world.customer.a,
        providerId: place.world.provider.a,
        doorId: place.world.door.apartmentA,
        keyCabinetId: place.keyCabinetId,
        slot,
        label,
      }),
    );
  return ids;
}

/** The pseudonym a cabinet records for the staff member (what the server's authorisation names). */
export async function pseudonymOf(pool: pg.Pool, staffMemberId: string): Promise<string> {
  const { rows } = await pool.query<{ pseudonym: string }>(
    'SELECT pseudonym FROM staff_member WHERE id = $1',
    [staffMemberId],
  );
  return rows[0]!.pseudonym;
}

/**
 * What the re-enrolment tests do with a cabinet, bound to their server and staff member: a take
 * authorised and the key taken and returned by `unit` (two records), and what the server stored.
 */
export function bindCabinetSteps(context: {
  server: Pick<TestServer, 'db'>;
  municipalityId: string;
  staff: ApiClient;
  pseudonym: string;
  advance: (minutes: number) => void;
}) {
  const { server, municipalityId, staff, pseudonym, advance } = context;
  return {
    async takeAndReturn(unit: KeyCabinet, slot: number, cabinetId: string): Promise<void> {
      const take = await staff.post(`/api/v1/key-cabinets/${cabinetId}/takes`, { slot, reason: 'planned' });
      expect(take.status).toBe(201);
      advance(1);
      await unit.take(slot, pseudonym);
      advance(5);
      await unit.returnKey(slot, pseudonym);
    },
    async storedSequences(cabinetId: string): Promise<number[]> {
      const { rows } = await server.db.pool.query<{ sequence: string }>(
        'SELECT sequence FROM device_event WHERE municipality_id = $1 AND device_id = $2 ORDER BY sequence',
        [municipalityId, cabinetId],
      );
      return rows.map((row) => Number(row.sequence));
    },
    async cabinetFindings(cabinetId: string) {
      const { findings } = await verifyEventLog(server.db.pool, { municipalityId, isRecording: false });
      return findings.filter((finding) => finding.deviceId === cabinetId);
    },
  };
}
