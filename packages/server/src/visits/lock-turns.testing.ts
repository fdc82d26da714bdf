// Ingest's derivation step for one staff member's key turns at one door, for server tests about
// derived visits (tests/e2e/visit-derivation.test.ts uploads real signed records instead).
import type { LockOpening } from '@portvakt/core';
import { withTransaction } from '@portvakt/storage';
import type { TestServer } from '../platform/testing';
import type { World } from '../platform/world.testing';
import { deriveLockVisitsAtIngest } from './derive-lock-visits';

export interface LockTurns {
  /** Derives visits from key turns at the given instants, in a transaction of its own as ingest runs it. */
  derive(...instants: string[]): Promise<{ created: number; completed: number }>;
  /** The current version of the lock visit arriving at `arrival` (exactly one). */
  findVisit(arrival: string): Promise<{ id: string; version: number }>;
}

/** Staff member a's key turns at customer a's apartment door. */
export async function createLockTurns(
  server: TestServer,
  world: World,
  municipalityId: string,
): Promise<LockTurns> {
  const { rows } = await server.db.superuser.query<{ pseudonym: string }>(
    'SELECT pseudonym FROM staff_member WHERE id = $1',
    [world.staffMember.a],
  );
  const pseudonym = rows[0]!.pseudonym;
  let sequence = 0;
  return {
    derive: (...instants) => {
      const openings: LockOpening[] = instants.map((at) => ({
        deviceId: world.lockDevice.apartmentA,
        sequence: (sequence += 1),
        at: Date.parse(at),
        doorId: world.door.apartmentA,
        staffPseudonym: pseudonym,
      }));
      return withTransaction(server.db.pool, (client) =>
        deriveLockVisitsAtIngest(client, municipalityId, openings),
      );
    },
    findVisit: async (arrival) => {
      const found = await server.db.superuser.query<{ id: string; version: number }>(
        `SELECT visit_id AS id, version FROM visit
          WHERE source = 'lock' AND superseded_at IS NULL AND arrival_at = $1`,
        [arrival],
      );
      if (found.rows.length !== 1)
        throw new Error(`expected one lock visit at ${arrival}, found ${found.rows.length}`);
      return found.rows[0]!;
    },
  };
}
