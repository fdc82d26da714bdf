// Re-enrolment (docs/event-log.md "Re-enrolment"), on the real server over HTTP with a fixed
// clock: a key cabinet's unit is replaced by one with a new key pair, enrolled into the same
// enrolment. The server answers where the enrolment's record chain stands; the new unit continues
// it, its records are stored, and verify-log checks the older chain heads with the key that signed
// them (kept when it was replaced) instead of reporting them as forged. A unit that starts again
// at 1 is refused as a fork, and the replaced unit's later records no longer verify; both are kept
// as findings, and neither changes what is stored.
import { chainStartFrom, ManualWorldClock, type KeyCabinet } from '@portvakt/devices';
import { startTestWorld, type ApiClient, type TestServer, type World } from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord } from './devices.testing';
import { bindCabinetSteps, enrolCabinetUnit, pseudonymOf, putBackupKeys } from './key-cabinet.testing';

/** Monday 8 March 2027, 09:00 UTC: every instant of the file follows from it. */
let now = new Date('2027-03-08T09:00:00Z');
const clock = new ManualWorldClock(now.getTime() / 1000);
const advance = (minutes: number) => {
  now = new Date(now.getTime() + minutes * 60_000);
  clock.advance(minutes * 60);
};

let server: TestServer;
let world: World;
let municipalityId: string;
let admin: ApiClient;
let staff: ApiClient;
let cabinetId: string;
let pseudonym: string;

/** A cabinet unit with a fresh key pair, enrolled as the registry's cabinet; the server's answer with it. */
async function enrolNewUnit() {
  const { cabinet, reply } = await enrolCabinetUnit(admin, cabinetId, {
    slotCount: 10,
    world: clock,
    occupiedSlots: [3, 4, 5],
  });
  return {
    unit: cabinet,
    reply: reply.body as {
      enrolment: { id: string };
      chainStart: { afterSequence: number; prevHash: string } | null;
    },
  };
}

let steps: ReturnType<typeof bindCabinetSteps>;
const takeAndReturn = (unit: KeyCabinet, slot: number) => steps.takeAndReturn(unit, slot, cabinetId);
const storedSequences = () => steps.storedSequences(cabinetId);
const cabinetFindings = () => steps.cabinetFindings(cabinetId);

beforeAll(async () => {
  const started = await startTestWorld({ now: () => now });
  ({ server, municipalityId, admin, world } = started);
  staff = await started.login('staff', { providerId: world.provider.a, staffMemberId: world.staffMember.a });
  cabinetId = await createRecord(admin, 'key-cabinets', {
    name: 'Nyckelskåp Bytt Enhet',
    location: 'Kontoret, Storgatan 3',
    slotCount: 10,
    providerId: world.provider.a,
  });
  await putBackupKeys(
    server.db.pool,
    { municipalityId, world, keyCabinetId: cabinetId },
    [3, 4, 5].map((slot) => [slot, `Reservnyckel ${slot}`] as const),
  );
  pseudonym = await pseudonymOf(server.db.pool, world.staffMember.a);
  steps = bindCabinetSteps({ server, municipalityId, staff, pseudonym, advance });
}, 120_000);
afterAll(async () => server?.close());

describe('a device re-enrolled with a new key pair', () => {
  let first: KeyCabinet;
  let replacement: KeyCabinet;

  it('is told to start at 1 when its enrolment holds no records yet', async () => {
    const enrolled = await enrolNewUnit();
    expect(enrolled.reply.chainStart).toBeNull();
    first = enrolled.unit;
    await takeAndReturn(first, 3);
    expect(await first.upload(first.connect(server.url, cabinetId))).toEqual({
      stored: 2,
      duplicates: 0,
      findings: [],
    });
    expect(await cabinetFindings()).toEqual([]);
  });

  it('continues the chain after the records stored under the earlier key, and they are stored', async () => {
    const { rows } = await server.db.pool.query<{ lastHash: Buffer }>(
      'SELECT last_hash AS "lastHash" FROM device_chain WHERE municipality_id = $1 AND device_id = $2',
      [municipalityId, cabinetId],
    );
    const enrolled = await enrolNewUnit();
    expect(enrolled.reply.enrolment.id).toBe(cabinetId);
    expect(enrolled.reply.chainStart).toEqual({
      afterSequence: 2,
      prevHash: rows[0]!.lastHash.toString('hex'),
    });
    replacement = enrolled.unit;
    replacement.continueChainAfter(chainStartFrom(enrolled.reply.chainStart)!);
    await takeAndReturn(replacement, 4);
    expect(await replacement.upload(replacement.connect(server.url, cabinetId))).toEqual({
      stored: 2,
      duplicates: 0,
      findings: [],
    });
    expect(await storedSequences()).toEqual([1, 2, 3, 4]);
    // The re-enrolment is audited with the key it replaced.
    const audit = await admin.get(`/api/v1/audit?entity=device_enrolment&entityId=${cabinetId}`);
    expect((audit.body.items as Array<{ action: string }>).map((entry) => entry.action)).toContain(
      're_enrol',
    );
  });

  it('verify-log checks the earlier heads with the key that signed them: nothing found', async () => {
    expect(await cabinetFindings()).toEqual([]);
  });

  it('still finds a head that no key of the enrolment signed', async () => {
    // Someone with database access swaps the first unit's signed head for the replacement's.
    const client = await server.db.superuser.connect();
    try {
      await client.query('SET session_replication_role = replica');
      const { rows } = await client.query<{ id: string; head: Buffer }>(
        'SELECT id, head FROM device_chain_head WHERE municipality_id = $1 AND device_id = $2 ORDER BY sequence',
        [municipalityId, cabinetId],
      );
      const [older, newer] = [rows[0]!, rows.at(-1)!];
      await client.query('UPDATE device_chain_head SET head = $2 WHERE id = $1', [older.id, newer.head]);
      expect(await cabinetFindings()).toContainEqual(
        expect.objectContaining({ kind: 'bad_head_signature', deviceId: cabinetId }),
      );
      await client.query('UPDATE device_chain_head SET head = $2 WHERE id = $1', [older.id, older.head]);
    } finally {
      await client.query('SET session_replication_role = DEFAULT');
      client.release();
    }
    expect(await cabinetFindings()).toEqual([]);
  });

  it('refuses a unit that starts again at 1 as a fork, and the replaced unit’s new records: nothing stored', async () => {
    const { unit: restarted } = await enrolNewUnit();
    await takeAndReturn(restarted, 5);
    const forked = await restarted.upload(restarted.connect(server.url, cabinetId));
    expect(forked.stored).toBe(0);
    expect(forked.findings.join(' ')).toMatch(/chain-fork/);

    // The first unit, no longer enrolled, records a take on what it thinks is slot 4.
    await takeAndReturn(first, 4);
    const stale = await first.upload(first.connect(server.url, cabinetId)).catch((error: Error) => error);
    // Refused: either before the upload (its signed request) or as a batch whose head does not verify.
    if (!(stale instanceof Error)) expect(stale.stored).toBe(0);
    expect(await storedSequences()).toEqual([1, 2, 3, 4]);
    expect(await cabinetFindings()).toEqual([]);
  });
});
