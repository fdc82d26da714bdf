// Backup keys, receipts, deviation plans, readiness facts and keys held on real PostgreSQL, on the
// rollout world at fixed days of 2026 (Gun: day provider Nord and a night patrol, both
// introduced; locks in use on her entrance and apartment door).
import { findPlanInForce, judgeKeyReturnReadiness, readSupportSettings, type Scope } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTake } from '../key-cabinets';
import { migrate } from '../platform/migrate';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { createRolloutWorld, type RolloutWorld } from '../rollout/rollout.testing';
import {
  findBackupKey,
  insertBackupKey,
  insertKeyReceipt,
  listBackupKeys,
  listKeyReceipts,
  markBackupKeyReturned,
  readKeyReceiptView,
  updateBackupKey,
  type NewBackupKey,
} from './backup-key.repository';
import { decideDeviationPlan, insertDeviationPlan, listDeviationPlans } from './deviation-plan.repository';
import { insertTestKeyCabinet } from './key-cabinet.testing';
import { readReadinessSnapshot } from './key-return-readiness.repository';
import { readKeysHeldCounts } from './keys-held.repository';

/** A receipt of Gun's key `backupKeyId`, received on the day the keys were. */
const receivedReceipt = (backupKeyId: string) => ({
  municipalityId: world.municipalityId,
  backupKeyId,
  kind: 'received' as const,
  signedOn: '2026-02-10',
  signedBy: 'Gun Ahmed',
  witnessedBy: 'Eva Ek',
  document: null,
  documentType: null,
  recordedBy: 'test',
  recordedAt: at,
});

let testDb: TestDatabase;
let world: RolloutWorld;
let cabinetId: string;
const day = '2026-09-01';
const at = new Date('2026-09-01T10:00:00Z');
let municipality: Scope;

const newKey = (overrides: Partial<NewBackupKey> = {}): NewBackupKey => ({
  municipalityId: world.municipalityId,
  customerId: world.gunId,
  providerId: world.northId,
  doorId: world.apartmentDoorId,
  copies: 2,
  keyCabinetId: cabinetId,
  slot: 4,
  safeName: null,
  label: 'Gul bricka',
  receivedOn: '2026-02-10',
  createdBy: 'test',
  createdAt: at,
  ...overrides,
});

beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createRolloutWorld(testDb.pool);
  municipality = { kind: 'municipality', municipalityId: world.municipalityId };
  cabinetId = await insertTestKeyCabinet(testDb.pool, {
    municipalityId: world.municipalityId,
    providerId: world.northId,
    name: 'Nord skåp 1',
    slotCount: 10,
  });
});
afterAll(async () => testDb.drop());

describe('backup keys', () => {
  it('holds one key per cabinet slot until it is returned, and keeps receipts append-only', async () => {
    const id = (await insertBackupKey(testDb.pool, newKey()))!;
    expect(id).toBeDefined();
    expect(await insertBackupKey(testDb.pool, newKey({ doorId: world.entranceId }))).toBeUndefined();
    const key = await findBackupKey(testDb.pool, municipality, day, id);
    expect(key).toMatchObject({ customerName: 'Gun Ahmed', slot: 4, status: 'held', version: 1, copies: 2 });
    const receipt = await insertKeyReceipt(testDb.pool, {
      municipalityId: world.municipalityId,
      backupKeyId: id,
      kind: 'received',
      signedOn: '2026-02-10',
      signedBy: 'Gun Ahmed',
      witnessedBy: 'Eva Ek',
      document: new TextEncoder().encode('%PDF-1.7'),
      documentType: 'application/pdf',
      recordedBy: 'test',
      recordedAt: at,
    });
    expect(receipt).toMatchObject({
      kind: 'received',
      label: 'Gul bricka',
      hasDocument: true,
      signedOn: '2026-02-10',
    });
    await expect(
      testDb.pool.query(`UPDATE backup_key_receipt SET signed_by = 'x' WHERE id = $1`, [receipt.id]),
    ).rejects.toThrow(/permission denied/);
    expect(await listKeyReceipts(testDb.pool, world.municipalityId, id)).toHaveLength(1);
    expect((await readKeyReceiptView(testDb.pool, world.municipalityId, id)).streetAddress).toBeTruthy();

    expect(await updateBackupKey(testDb.pool, world.municipalityId, id, 2, { ...newKey(), slot: 5 })).toBe(
      'version_conflict',
    );
    expect(
      await markBackupKeyReturned(testDb.pool, world.municipalityId, id, 1, {
        returnedOn: day,
        returnedTo: 'Gun Ahmed',
      }),
    ).toBe(true);
    expect(
      await markBackupKeyReturned(testDb.pool, world.municipalityId, id, 2, {
        returnedOn: day,
        returnedTo: 'Gun Ahmed',
      }),
    ).toBe(false);
    // The slot is free again; the returned key keeps its place on record.
    const next = await insertBackupKey(
      testDb.pool,
      newKey({ doorId: world.entranceId, receivedOn: '2026-03-01' }),
    );
    expect(next).toBeDefined();
    expect((await findBackupKey(testDb.pool, municipality, day, id))?.keyCabinetId).toBe(cabinetId);
    const other = (await insertBackupKey(testDb.pool, newKey({ slot: 6 })))!;
    expect(await updateBackupKey(testDb.pool, world.municipalityId, other, 1, { ...newKey(), slot: 4 })).toBe(
      'slot_taken',
    );
    expect(
      await updateBackupKey(testDb.pool, world.municipalityId, other, 1, { ...newKey(), slot: 7, copies: 1 }),
    ).toBe('written');
  });

  it('shows a provider only its own keys of customers it serves', async () => {
    const provider = (providerId: string): Scope => ({
      kind: 'provider',
      municipalityId: world.municipalityId,
      providerId,
    });
    const north = await listBackupKeys(testDb.pool, provider(world.northId), day, {
      customerId: world.gunId,
    });
    expect(north.length).toBeGreaterThan(0);
    expect(await listBackupKeys(testDb.pool, provider(world.southId), day, {})).toEqual([]);
    const foreign: Scope = { kind: 'municipality', municipalityId: world.otherMunicipalityId };
    expect(await listBackupKeys(testDb.pool, foreign, day, {})).toEqual([]);
  });
});

describe('deviation plans and readiness facts (R8.3)', () => {
  const judgeGun = async () => {
    const snapshot = await readReadinessSnapshot(testDb.pool, municipality, { customerId: world.gunId }, day);
    const gun = snapshot.customers[0]!;
    return judgeKeyReturnReadiness({
      day,
      providers: gun.providers.map((provider) => ({
        ...provider,
        hasPlanInForce: findPlanInForce(snapshot.plans, provider.providerId, day) !== undefined,
      })),
      doors: gun.doors,
      roundTheClockSupportSince: readSupportSettings(snapshot.settings).roundTheClockSupportSince,
    });
  };

  it('reads the providers, doors in use, plans and support setting the rule needs', async () => {
    const snapshot = await readReadinessSnapshot(testDb.pool, municipality, { customerId: world.gunId }, day);
    expect(snapshot.customers).toHaveLength(1);
    expect(snapshot.customers[0]).toMatchObject({ keysHeld: 2, copiesHeld: 3 });
    expect(snapshot.customers[0]!.providers.map((p) => [p.providerId, p.introducedOn])).toEqual(
      expect.arrayContaining([
        [world.northId, '2026-05-01'],
        [world.nightId, '2026-07-01'],
      ]),
    );
    expect(snapshot.customers[0]!.doors).toEqual([
      { doorId: world.entranceId, label: 'Port A', lockId: world.entranceLockId, isInUse: true },
      { doorId: world.apartmentDoorId, label: 'Lgh 1101', lockId: world.apartmentLockId, isInUse: true },
    ]);
    expect((await judgeGun()).missing.map((gap) => gap.code)).toEqual([
      'deviation_plan_missing',
      'deviation_plan_missing',
      'round_the_clock_support_missing',
    ]);
  });

  it('is ready once both providers have approved plans and support runs round the clock', async () => {
    const plan = (providerId: string) =>
      insertDeviationPlan(testDb.pool, {
        municipalityId: world.municipalityId,
        providerId,
        body: 'Ring jourhavande låssmed; hämta reservnyckeln ur skåpet.',
        validFrom: '2026-08-01',
        recordedBy: 'test',
        recordedAt: new Date('2026-07-20T10:00:00Z'),
      });
    const north = await plan(world.northId);
    const night = await plan(world.nightId);
    const decide = (id: string, decision: 'approved' | 'rejected', reason: string | null = null) =>
      decideDeviationPlan(testDb.pool, world.municipalityId, id, {
        decision,
        by: 'Kommunen',
        at: new Date('2026-07-25T10:00:00Z'),
        reason,
      });
    expect(await decide(north.id, 'approved')).toBe(true);
    expect(await decide(north.id, 'rejected', 'sent')).toBe(false);
    expect(await decide(night.id, 'rejected', 'Saknar nattrutin')).toBe(true);
    expect((await judgeGun()).missing.map((gap) => gap.providerId ?? gap.code)).toEqual([
      world.nightId,
      'round_the_clock_support_missing',
    ]);
    const again = await plan(world.nightId);
    await decide(again.id, 'approved');
    const [approved] = await listDeviationPlans(testDb.pool, world.municipalityId, { id: again.id });
    expect(approved).toMatchObject({ approvedBy: 'Kommunen', approvedOn: '2026-07-25' });
    await testDb.pool.query(
      `UPDATE municipality SET settings = settings || '{"roundTheClockSupportSince": "2026-08-15"}' WHERE id = $1`,
      [world.municipalityId],
    );
    expect(await judgeGun()).toEqual({ isReady: true, missing: [] });
  });
});

describe('keys held over time (R11.2)', () => {
  it('counts keys held at each day, per provider and district, and the customers whose keys all went back', async () => {
    const counts = await readKeysHeldCounts(
      testDb.pool,
      world.municipalityId,
      ['2026-01-31', '2026-02-28', '2026-03-31', '2026-09-01'],
      null,
      at,
    );
    expect(counts.totals.map((point) => [point.day, point.keys, point.keysReturned])).toEqual([
      ['2026-01-31', 0, 0],
      ['2026-02-28', 2, 0],
      ['2026-03-31', 3, 0],
      ['2026-09-01', 2, 1],
    ]);
    expect(counts.totals.map((point) => point.customersReturned)).toEqual([0, 0, 0, 0]);
    expect(counts.byProvider.filter((row) => row.day === '2026-09-01')).toEqual([
      { id: world.northId, name: 'Hemtjänst Nord', day: '2026-09-01', keys: 2 },
    ]);
    expect(counts.byDistrict.map((row) => row.keys)).toEqual([0, 2, 3, 2]);
    const south = await readKeysHeldCounts(
      testDb.pool,
      world.municipalityId,
      ['2026-09-01'],
      world.southId,
      at,
    );
    expect(south.totals[0]).toMatchObject({ keys: 0, copies: 0 });
  });
});

describe('labels on record (0062)', () => {
  it('keeps the label a receipt was recorded with when the key is relabelled', async () => {
    const id = (await insertBackupKey(testDb.pool, newKey({ slot: 8, label: 'Svart bricka' })))!;
    await insertKeyReceipt(testDb.pool, receivedReceipt(id));
    const relabelled = { ...newKey({ slot: 8 }), label: 'Grå bricka' };
    expect(await updateBackupKey(testDb.pool, world.municipalityId, id, 1, relabelled)).toBe('written');
    const receipts = await listKeyReceipts(testDb.pool, world.municipalityId, id);
    expect(receipts.map((receipt) => receipt.label)).toEqual(['Svart bricka']);
  });

  it('fills the takes and receipts made before it with their key’s label, losing none', async () => {
    const id = (await insertBackupKey(testDb.pool, newKey({ slot: 9, label: 'Vit bricka' })))!;
    const receipt = await insertKeyReceipt(testDb.pool, receivedReceipt(id));
    const take = await insertTake(
      testDb.pool,
      {
        municipalityId: world.municipalityId,
        keyCabinetId: cabinetId,
        slot: 9,
        backupKeyId: id,
        staffMemberId: world.staffId,
        reason: 'planned',
        reasonText: null,
        supportCaseId: null,
      },
      at,
    );
    // The database as it was before 0062: no label of their own on takes and receipts.
    await testDb.superuser.query(`DELETE FROM schema_migration WHERE version = '0062';
      ALTER TABLE key_cabinet_take DROP COLUMN backup_key_label;
      ALTER TABLE backup_key_receipt DROP COLUMN label;`);
    expect((await migrate(testDb.pool)).applied).toEqual(['0062_key_records_keep_label']);
    const labels = await testDb.pool.query(
      `SELECT (SELECT label FROM backup_key_receipt WHERE id = $1) AS receipt,
         (SELECT backup_key_label FROM key_cabinet_take WHERE id = $2) AS take`,
      [receipt.id, take],
    );
    expect(labels.rows[0]).toEqual({ receipt: 'Vit bricka', take: 'Vit bricka' });
  });
});
