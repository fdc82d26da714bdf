// The demo's deviation plans, key cabinets, backup keys, key returns and cabinet takes (issue #13,
// docs/backup-keys.md, docs/key-cabinets.md), through the API's use cases; see seed-demo-support.ts.
import { findLocalDay, type Actor } from '@portvakt/core';
import { KeyCabinet, ManualWorldClock } from '@portvakt/devices';
import { encodeRecordBatch, uuidToBytes } from '@portvakt/protocol';
import {
  authoriseKeyTake,
  createBackupKey,
  createDeviationPlan,
  createKeyCabinet,
  decideDeviationPlan,
  ingestRecordBatches,
  judgeReadiness,
  recordKeyReceipt,
  returnBackupKey,
} from '@portvakt/server';
import {
  listDemoSupportTargets,
  listStaffIdsOfProvider,
  readReadinessSnapshot,
  type DemoSupportTarget,
} from '@portvakt/storage';
import { daysAgo, minutesAfter, requestId, scopeOf, type Setting } from './seed-demo-setting';

/** The municipal provider's plan approved a hundred days ago; Omsorgshuset's waits for a decision. */
export async function seedDeviationPlans(setting: Setting): Promise<void> {
  const { pool, actors } = setting;
  const approved = await createDeviationPlan({
    db: pool,
    actor: actors.workLead,
    input: {
      body:
        'Kommer personalen inte in digitalt ringer de support (dygnet runt) och hämtar kundens reservnyckel ur ' +
        'nyckelskåpet på Storgatan 12 med skäl angivet. Är skåpet ur funktion begärs nödöppning; kunden ' +
        'informeras om förseningen.',
      validFrom: findLocalDay(daysAgo(setting, 100)),
    },
    requestId,
    now: daysAgo(setting, 104, 10),
  });
  await decideDeviationPlan({
    db: pool,
    actor: actors.admin,
    input: { id: approved.id, decision: { decision: 'approved' } },
    requestId,
    now: daysAgo(setting, 102, 14),
  });
  await createDeviationPlan({
    db: pool,
    actor: actors.otherWorkLead,
    input: {
      body:
        'Vid fel på låset eller telefonen ringer personalen arbetsledaren, som hämtar reservnyckeln i ' +
        'kassaskåpet på kontoret. Besöket förs in i avvikelseloggen samma dag.',
      validFrom: findLocalDay(setting.now),
    },
    requestId,
    now: daysAgo(setting, 4, 15),
  });
}

/**
 * A cabinet per home-care provider. The municipal provider holds keys for customers it serves
 * alone (ready for return once everything else is in place), six in cabinet slots and two in
 * the office safe, plus five returned over the past months (the falling line on "Nycklar kvar");
 * Omsorgshuset holds four (not ready: its plan is not approved). Two takes are authorised: the
 * lock-fault one two days ago was taken and returned (the municipal cabinet, enrolled as a
 * simulated unit, signs both), the planned one minutes ago is not taken yet.
 */
export async function seedBackupKeys(setting: Setting): Promise<void> {
  const { pool, municipalityId, actors, providers } = setting;
  const today = findLocalDay(setting.now);
  const receivedOn = findLocalDay(daysAgo(setting, 150));
  const cabinets = {
    municipal: await createKeyCabinet({
      db: pool,
      actor: actors.lockManager,
      scope: scopeOf(actors.lockManager, 'key_cabinet', 'create'),
      input: {
        name: 'Nyckelskåp Storgatan 12',
        location: 'Hemtjänstens lokal, Storgatan 12, förråd',
        slotCount: 24,
        providerId: providers.municipal,
      },
      requestId,
      now: daysAgo(setting, 160),
    }),
    omsorgshuset: await createKeyCabinet({
      db: pool,
      actor: actors.lockManager,
      scope: scopeOf(actors.lockManager, 'key_cabinet', 'create'),
      input: {
        name: 'Nyckelskåp Omsorgshuset',
        location: 'Omsorgshusets kontor, entréplan',
        slotCount: 12,
        providerId: providers.omsorgshuset,
      },
      requestId,
      now: daysAgo(setting, 160),
    }),
  };
  const municipalTargets = (
    await listDemoSupportTargets(pool, municipalityId, providers.municipal, today)
  ).filter((target) => target.isServedAlone && target.isIntroduced);
  const otherTargets = await listDemoSupportTargets(pool, municipalityId, providers.omsorgshuset, today);
  const store = async (
    actor: Actor,
    target: DemoSupportTarget,
    place: { keyCabinetId: string; slot: number } | { safeName: string },
    witness: string,
    // The tag on the key ring, what the cabinet's page names a key by (never the customer).
    label: string,
  ) => {
    const key = await createBackupKey({
      db: pool,
      actor,
      input: {
        customerId: target.customerId,
        doorId: target.apartmentDoorId,
        copies: 1,
        label,
        receivedOn,
        ...place,
      },
      requestId,
      now: daysAgo(setting, 150, 13),
    });
    await recordKeyReceipt({
      db: pool,
      actor,
      input: {
        id: key.id,
        receipt: { kind: 'received', signedOn: receivedOn, signedBy: 'Kunden', witnessedBy: witness },
      },
      requestId,
      now: daysAgo(setting, 150, 14),
    });
    return key;
  };
  // Customers ready today first, so the readiness list shows both kinds.
  const readyToday = await findAll(
    municipalTargets.slice(0, 40),
    (target) => isReadyOn(setting, target, today),
    3,
  );
  const held = [
    ...readyToday,
    ...municipalTargets.filter((target) => !readyToday.includes(target)).slice(0, 8 - readyToday.length),
  ];
  const office = { safeName: 'Kassaskåpet, Storgatan 12' };
  for (const [i, target] of held.entries())
    await store(
      actors.workLead,
      target,
      i < 6 ? { keyCabinetId: cabinets.municipal.id, slot: i + 1 } : office,
      'Lena Sundberg',
      `Blå bricka ${i + 1}`,
    );
  for (const [i, target] of otherTargets.slice(0, 4).entries())
    await store(
      actors.otherWorkLead,
      target,
      { keyCabinetId: cabinets.omsorgshuset.id, slot: i + 1 },
      'Karim Haddad',
      `Gul bricka ${i + 1}`,
    );
  // Returned one at a time as the customers became ready (a return is refused before): each to a
  // customer served by the municipal provider alone whom core's rule finds ready on the day.
  const used = new Set(held.map((target) => target.customerId));
  for (const days of [95, 75, 55, 35, 15]) {
    const returnedAt = daysAgo(setting, days, 11);
    const day = findLocalDay(returnedAt);
    const candidates = (await listDemoSupportTargets(pool, municipalityId, providers.municipal, day)).filter(
      (candidate) => candidate.isServedAlone && candidate.isIntroduced && !used.has(candidate.customerId),
    );
    const [target] = await findAll(
      candidates.slice(0, 40),
      (candidate) => isReadyOn(setting, candidate, day),
      1,
    );
    if (!target) continue;
    used.add(target.customerId);
    const key = await store(actors.workLead, target, office, 'Lena Sundberg', `Blå bricka R${days}`);
    await returnBackupKey({
      db: pool,
      actor: actors.workLead,
      input: {
        id: key.id,
        return: { version: key.version, returnedOn: day, returnedTo: 'Kunden', witnessedBy: 'Lena Sundberg' },
      },
      requestId,
      now: returnedAt,
    });
  }
  const staffIds = await listStaffIdsOfProvider(pool, setting.municipalityId, providers.municipal);
  const take = async (slot: number, reason: 'planned' | 'lock_fault', at: Date, staffIndex: number) =>
    authoriseKeyTake({
      db: pool,
      actor: actors.workLead,
      scope: scopeOf(actors.workLead, 'key_cabinet_take', 'create'),
      input: {
        keyCabinetId: cabinets.municipal.id,
        take: {
          slot,
          reason,
          staffMemberId: staffIds[staffIndex]!,
          ...(reason === 'planned' ? {} : { reasonText: 'Låset svarar inte' }),
        },
      },
      requestId,
      now: at,
    });
  const lockFaultAt = daysAgo(setting, 2, 6, 30);
  await take(2, 'lock_fault', lockFaultAt, 1);
  // The lock-fault take's support case says the key was taken: the cabinet signs that it was (and
  // its return), so the cabinet's page, the case and the customer's log tell one story.
  await seedCabinetRecords(setting, cabinets.municipal.id, {
    occupiedSlots: held.slice(0, 6).map((_, i) => i + 1),
    slot: 2,
    staffMemberId: staffIds[1]!,
    takenAt: minutesAfter(lockFaultAt, 3),
    returnedAt: minutesAfter(lockFaultAt, 95),
  });
  // Authorised a moment ago and not yet taken: "Godkänd, ej uttagen".
  await take(1, 'planned', minutesAfter(setting.now, -5), 0);
}

/**
 * Enrols the cabinet as a simulated unit (as seed-demo-events enrols the locks) that signs one take
 * and its return, handed over through the verified ingest as a real cabinet's upload would be
 * (docs/key-cabinets.md "Enrolment and records"): the ingest closes the authorised take.
 */
async function seedCabinetRecords(
  setting: Setting,
  cabinetId: string,
  steps: { occupiedSlots: number[]; slot: number; staffMemberId: string; takenAt: Date; returnedAt: Date },
): Promise<void> {
  const { pool, municipalityId } = setting;
  const seconds = (at: Date) => Math.floor(at.getTime() / 1000);
  const world = new ManualWorldClock(seconds(steps.takenAt));
  const cabinet = await KeyCabinet.create({
    deviceId: uuidToBytes(cabinetId),
    slotCount: 24,
    world,
    occupiedSlots: steps.occupiedSlots,
  });
  await pool.query(
    `INSERT INTO device_enrolment (id, municipality_id, kind, key_cabinet_id, label, public_jwk, enrolled_by)
     VALUES ($1, $2, 'key_cabinet', $1, 'Demo (simulerad)', $3, 'seed-demo')`,
    [cabinetId, municipalityId, JSON.stringify(await cabinet.exportPublicJwk())],
  );
  const { rows } = await pool.query<{ pseudonym: string }>(
    'SELECT pseudonym FROM staff_member WHERE id = $1',
    [steps.staffMemberId],
  );
  const pseudonym = rows[0]!.pseudonym;
  await cabinet.take(steps.slot, pseudonym);
  world.advance(seconds(steps.returnedAt) - seconds(steps.takenAt));
  await cabinet.returnKey(steps.slot, pseudonym);
  world.advance(60);
  const result = await ingestRecordBatches(
    pool,
    municipalityId,
    [encodeRecordBatch(await cabinet.exportBatch())],
    { kind: 'key_cabinet', deviceId: cabinetId },
    { now: new Date(world.now() * 1000) },
  );
  if (result.stored !== 2 || result.findings.length > 0)
    throw new Error(`the demo cabinet's records were not taken in: ${JSON.stringify(result)}`);
}

/** Whether core's readiness rule (as the return and the readiness list judge it) passes on `day`. */
async function isReadyOn(setting: Setting, target: DemoSupportTarget, day: string): Promise<boolean> {
  const scope = { kind: 'municipality', municipalityId: setting.municipalityId } as const;
  const snapshot = await readReadinessSnapshot(setting.pool, scope, { customerId: target.customerId }, day);
  return judgeReadiness(snapshot, scope, day)[0]?.isReady ?? false;
}

/** The first `limit` items passing `test`, tried one after another. */
async function findAll<T>(
  items: readonly T[],
  test: (item: T) => Promise<boolean>,
  limit: number,
): Promise<T[]> {
  const found: T[] = [];
  for (const item of items) {
    if (found.length >= limit) break;
    if (await test(item)) found.push(item);
  }
  return found;
}
