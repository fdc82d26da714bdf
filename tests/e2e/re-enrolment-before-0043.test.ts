// A device re-enrolled before migration 0043 (docs/event-log.md "Re-enrolment"), on the real
// server over HTTP with a fixed clock. Before 0043 a re-enrolment replaced the enrolment's key
// without keeping the old one and told the new unit nothing, so the new unit started again at 1:
// verify-log reported every earlier chain head as bad_head_signature, and each of the unit's
// uploads was refused as a fork. The database is put in that state by hand (the key replaced, the
// `re_enrol` audit entry the server wrote then, no retired key); migration 0049 finds the replaced
// key in the audit trail and verify-log is clean again, and a unit enrolled again continues the
// chain. Nothing stored is lost, and the refused batches stay as findings with their bytes.
import { chainStartFrom, KeyCabinet, ManualWorldClock } from '@portvakt/devices';
import { uuidToBytes } from '@portvakt/protocol';
import { startTestWorld, type ApiClient, type TestServer, type World } from '@portvakt/server/testing';
import { loadMigrations } from '@portvakt/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord } from './devices.testing';
import { bindCabinetSteps, enrolCabinetUnit, pseudonymOf, putBackupKeys } from './key-cabinet.testing';

/** Tuesday 9 March 2027, 09:00 UTC: every instant of the file follows from it. */
let now = new Date('2027-03-09T09:00:00Z');
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

const unitOptions = () => ({ slotCount: 10, world: clock, occupiedSlots: [3, 4, 5] });

let steps: ReturnType<typeof bindCabinetSteps>;
const takeAndReturn = (unit: KeyCabinet, slot: number, cabinet = cabinetId) =>
  steps.takeAndReturn(unit, slot, cabinet);
const storedSequences = (cabinet = cabinetId) => steps.storedSequences(cabinet);
const cabinetFindings = (cabinet = cabinetId) => steps.cabinetFindings(cabinet);

const retiredKeyCount = async (cabinet = cabinetId) =>
  Number(
    (
      await server.db.pool.query<{ n: string }>(
        'SELECT count(*) AS n FROM device_enrolment_retired_key WHERE municipality_id = $1 AND enrolment_id = $2',
        [municipalityId, cabinet],
      )
    ).rows[0]!.n,
  );

const runMigration0049 = async () =>
  server.db.superuser.query((await loadMigrations()).find((migration) => migration.version === '0049')!.sql);

/** A unit enrolled through the API that continues the enrolment's chain, as the server tells it. */
async function enrolContinuingUnit(cabinet: string) {
  const { cabinet: unit, reply } = await enrolCabinetUnit(admin, cabinet, unitOptions());
  const chainStart = (reply.body as { chainStart: { afterSequence: number; prevHash: string } | null })
    .chainStart;
  unit.continueChainAfter(chainStartFrom(chainStart)!);
  return { unit, afterSequence: chainStart?.afterSequence };
}

/** A cabinet whose first unit stored two records, then was replaced by a server before 0043. */
async function cabinetReEnrolledBefore0043(name: string) {
  const id = await createRecord(admin, 'key-cabinets', {
    name,
    location: 'Kontoret, Storgatan 5',
    slotCount: 10,
    providerId: world.provider.a,
  });
  await putBackupKeys(
    server.db.pool,
    { municipalityId, world, keyCabinetId: id },
    [3, 4, 5].map((slot) => [slot, `Reservnyckel ${slot}`] as const),
  );
  const { cabinet: first } = await enrolCabinetUnit(admin, id, unitOptions());
  await takeAndReturn(first, 3, id);
  expect((await first.upload(first.connect(server.url, id))).stored).toBe(2);
  advance(10);
  const replaced = await KeyCabinet.create({ deviceId: uuidToBytes(id), ...unitOptions() });
  await reEnrolAsBefore0043(id, replaced);
  advance(10);
  return { id, replaced };
}

/** What a server before 0043 left of a re-enrolment: the new key in place, the old only in the audit entry. */
async function reEnrolAsBefore0043(id: string, unit: KeyCabinet) {
  const db = server.db.superuser;
  const { rows } = await db.query<{ publicJwk: object; kind: string }>(
    'SELECT public_jwk AS "publicJwk", kind FROM device_enrolment WHERE municipality_id = $1 AND id = $2',
    [municipalityId, id],
  );
  const publicJwk = await unit.exportPublicJwk();
  await db.query('UPDATE device_enrolment SET public_jwk = $3 WHERE municipality_id = $1 AND id = $2', [
    municipalityId,
    id,
    JSON.stringify(publicJwk),
  ]);
  await db.query(
    `INSERT INTO audit_entry (municipality_id, occurred_at, actor_label, actor_role, action, entity, entity_id, before, after, source)
     VALUES ($1, $2, 'admin', 'municipality_admin', 're_enrol', 'device_enrolment', $3, $4, $5, 'api')`,
    [
      municipalityId,
      now,
      id,
      { id: id, kind: rows[0]!.kind, publicJwk: rows[0]!.publicJwk },
      { id: id, kind: rows[0]!.kind, publicJwk },
    ],
  );
}

beforeAll(async () => {
  const started = await startTestWorld({ now: () => now });
  ({ server, municipalityId, admin, world } = started);
  staff = await started.login('staff', { providerId: world.provider.a, staffMemberId: world.staffMember.a });
  pseudonym = await pseudonymOf(server.db.pool, world.staffMember.a);
  steps = bindCabinetSteps({ server, municipalityId, staff, pseudonym, advance });
}, 120_000);
afterAll(async () => server?.close());

describe('a device re-enrolled before migration 0043', () => {
  it('in that state: its earlier heads are reported forged and its new records refused', async () => {
    let replaced: KeyCabinet;
    ({ id: cabinetId, replaced } = await cabinetReEnrolledBefore0043('Nyckelskåp Före 0043'));
    // The new unit was told nothing and starts at 1.
    await takeAndReturn(replaced, 4);
    const refused = await replaced.upload(replaced.connect(server.url, cabinetId));
    expect(refused.stored).toBe(0);
    expect(refused.findings.join(' ')).toMatch(/chain-fork/);
    expect(await storedSequences()).toEqual([1, 2]);
    expect((await cabinetFindings()).map((finding) => finding.kind)).toContain('bad_head_signature');
  });

  it('migration 0049 keeps the replaced key from the audit trail: verify-log finds nothing, nothing stored changes', async () => {
    await runMigration0049();
    expect(await retiredKeyCount()).toBe(1);
    expect(await cabinetFindings()).toEqual([]);
    expect(await storedSequences()).toEqual([1, 2]);
    // Run again (or over a database where 0043 kept the key): nothing is added.
    await runMigration0049();
    expect(await retiredKeyCount()).toBe(1);
    // The refused batch is kept with its bytes.
    const { rows } = await server.db.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM event_finding
       WHERE municipality_id = $1 AND device_id = $2 AND kind = 'chain-fork' AND batch IS NOT NULL`,
      [municipalityId, cabinetId],
    );
    expect(Number(rows[0]!.n)).toBeGreaterThan(0);
  });

  it('a unit enrolled again continues the chain after the stored records, and verify-log stays clean', async () => {
    advance(10);
    const { unit: again, afterSequence } = await enrolContinuingUnit(cabinetId);
    expect(afterSequence).toBe(2);
    await takeAndReturn(again, 5);
    expect(await again.upload(again.connect(server.url, cabinetId))).toEqual({
      stored: 2,
      duplicates: 0,
      findings: [],
    });
    expect(await storedSequences()).toEqual([1, 2, 3, 4]);
    // The first unit's key (from the audit trail) and the pre-0043 unit's (kept by this enrolment)
    // both end at 2: the one replaced first signed those heads.
    expect(await retiredKeyCount()).toBe(2);
    expect(await cabinetFindings()).toEqual([]);
  });

  it('enrolled again after 0043 but before 0049: the first unit’s key still checks the first heads', async () => {
    const laterCabinetId = (await cabinetReEnrolledBefore0043('Nyckelskåp Omregistrerat')).id;
    // Enrolled again once 0043 was in: that keeps the pre-0043 unit’s key, which signed nothing
    // stored, as ending at 2 too, and verify-log checked the first heads with it.
    const { unit } = await enrolContinuingUnit(laterCabinetId);
    await takeAndReturn(unit, 5, laterCabinetId);
    expect((await unit.upload(unit.connect(server.url, laterCabinetId))).stored).toBe(2);
    expect((await cabinetFindings(laterCabinetId)).map((finding) => finding.kind)).toContain(
      'bad_head_signature',
    );
    await runMigration0049();
    expect(await retiredKeyCount(laterCabinetId)).toBe(2);
    expect(await storedSequences(laterCabinetId)).toEqual([1, 2, 3, 4]);
    expect(await cabinetFindings(laterCabinetId)).toEqual([]);
  });
});
