// A week of openings and refusals for the demo, made by the real simulated devices and consistent
// with the permission model: for a subset of customers, their locks and one hardware key of a
// staff member whom the model lets open every door on the customer's way in are enrolled; each
// morning the key is activated at a box with a ticket compiled by core's permission compiler from
// the stored facts (as the server's issuer does), opens the doors on the way in and out, and now
// and then tries a neighbour's door in the same building that the model refuses (the lock
// refuses it too); keys carry the municipality's current block list to the locks; a sync station
// uploads every record through the server's verified ingest. Afterwards each key's activation
// state (PIN set, last activation, ticket expiry) is stored as the issuer would have. Nothing is
// planted as an anomaly. Runs once: a demo municipality that has any event or seed-demo enrolment
// is left alone.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  buildPermissionIndex,
  compileLockList,
  mayOpen,
  toLockGrants,
  type PermissionIndex,
} from '@portvakt/core';
import {
  ActivationBox,
  HardwareKey,
  InProcessIssuer,
  Lock,
  ManualWorldClock,
  SyncStation,
  type IssuerGateway,
  type UploadReceipt,
} from '@portvakt/devices';
import {
  exportPublicJwk,
  generateSigningKeyPair,
  signBlockList,
  sortKeyIds,
  uuidToBytes,
} from '@portvakt/protocol';
import { createPinVerifier, ingestRecordBatches } from '@portvakt/server';
import {
  loadPermissionFacts,
  readLiveBlockList,
  recordDemoKeyCredential,
  withTransaction,
} from '@portvakt/storage';
import type pg from 'pg';

const enrolledBy = 'seed-demo';
/** One shift: what the demo's tickets are compiled for and valid for. */
const ticketSeconds = 12 * 3600;
/** Minutes between two visits' arrivals; a visit lasts at most 47 minutes, so they never overlap. */
const visitSpacingMinutes = 50;
const longestVisitMinutes = 47;

/**
 * The in-process issuer signs, but what it hands out follows the database: tickets carry the
 * grants set from the compiled permissions, and the block list is the municipality's live list
 * (its version and entries), so the locks report the version the block-list page expects.
 */
class DemoGateway implements IssuerGateway {
  constructor(
    private readonly issuer: InProcessIssuer,
    private readonly pool: pg.Pool,
    private readonly municipalityId: string,
    private readonly issuerName: string,
    private readonly world: ManualWorldClock,
  ) {}
  private blockList: Promise<Uint8Array> | undefined;
  /** Signed once: nothing is blocked during the simulated week. */
  private async withBlockList<T extends { blockList: Uint8Array }>(issued: T): Promise<T> {
    this.blockList ??= readLiveBlockList(this.pool, this.municipalityId).then((list) =>
      signBlockList(
        {
          issuer: this.issuerName,
          version: list.version,
          issuedAt: this.world.now(),
          blockedKeys: sortKeyIds(list.entries.map((entry) => uuidToBytes(entry.digitalKeyId))),
        },
        this.issuer.signer,
      ),
    );
    return { ...issued, blockList: await this.blockList };
  }
  activate = async (call: Parameters<IssuerGateway['activate']>[0]) =>
    this.withBlockList(await this.issuer.activate(call));
  sync = async (call: Parameters<IssuerGateway['sync']>[0]) =>
    this.withBlockList(await this.issuer.sync(call));
  login = (call: Parameters<IssuerGateway['login']>[0]) => this.issuer.login(call);
  uploadRecords(batches: Uint8Array[]): Promise<UploadReceipt> {
    // Received at the simulated instant, so the keys' own records (activations) keep their times.
    return ingestRecordBatches(
      this.pool,
      this.municipalityId,
      batches,
      { kind: 'sync_station', deviceId: 'seed-demo-station' },
      { now: new Date(this.world.now() * 1000) },
    );
  }
}

interface Visit {
  customerId: string;
  lockIds: string[];
  keyId: string;
  staffId: string;
  /**
   * A lock on another demo customer's way in, in the same building, that the model does not let
   * this staff member open, if any (its records travel with the keys that do open it).
   */
  neighbourLockId: string | undefined;
}

export interface SeedDemoEventsResult {
  isAdded: boolean;
  customers: number;
  records: number;
}

/** The local date in Sweden of an instant (seconds), as YYYY-MM-DD. */
function stockholmDate(seconds: number): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(seconds * 1000));
}

async function loadIndex(pool: pg.Pool, municipalityId: string): Promise<PermissionIndex> {
  return buildPermissionIndex((await loadPermissionFacts(pool, municipalityId)).facts);
}

/**
 * Adds `days` days of events ending before `now` (seconds; default the real clock), for up to
 * `customers` customers.
 */
export async function seedDemoEvents(
  pool: pg.Pool,
  municipalityId: string,
  municipalityCode: string,
  options: { days?: number; customers?: number; now?: number; masterKey?: Buffer } = {},
): Promise<SeedDemoEventsResult> {
  const days = options.days ?? 7;
  const wanted = options.customers ?? 12;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  // Without the server's master key (tests) a throwaway one will do: nobody types a demo PIN.
  const masterKey = options.masterKey ?? randomBytes(32);
  const today = stockholmDate(now);
  const { rows: existing } = await pool.query(
    `SELECT 1 FROM device_chain WHERE municipality_id = $1
     UNION ALL SELECT 1 FROM device_enrolment WHERE municipality_id = $1 AND enrolled_by = $2 LIMIT 1`,
    [municipalityId, enrolledBy],
  );
  if (existing.length > 0) return { isAdded: false, customers: 0, records: 0 };

  // Customers with ongoing home care whose every door on the way in has an installed lock that
  // no device is enrolled for yet.
  const { rows: candidates } = await pool.query<{
    customerId: string;
    propertyId: string;
    lockIds: string[];
    hasRelative: boolean;
  }>(
    `SELECT c.id AS "customerId", c.residence_property_id AS "propertyId",
       array_agg(l.id ORDER BY a.position) AS "lockIds",
       EXISTS (SELECT 1 FROM relative_invitation ri
               WHERE ri.municipality_id = c.municipality_id AND ri.customer_id = c.id AND ri.used_at IS NOT NULL)
         AS "hasRelative"
     FROM customer c
       JOIN access_path_step a ON a.customer_id = c.id
       LEFT JOIN LATERAL (SELECT l.id FROM lock_device l WHERE l.door_id = a.door_id AND l.status = 'installed'
         AND NOT EXISTS (SELECT 1 FROM device_enrolment e WHERE e.lock_device_id = l.id)
         ORDER BY l.serial LIMIT 1) l ON true
     WHERE c.municipality_id = $1 AND NOT c.has_refused_lock
       AND EXISTS (SELECT 1 FROM customer_service cs WHERE cs.customer_id = c.id AND cs.service = 'home_care'
         AND cs.starts_on <= $2::date AND (cs.ends_on IS NULL OR cs.ends_on >= $2::date))
     GROUP BY c.municipality_id, c.id, c.family_name, c.given_name
     HAVING bool_and(l.id IS NOT NULL)
     ORDER BY c.family_name, c.given_name, c.id`,
    [municipalityId, today],
  );
  // Active hardware keys of staff employed all week, not enrolled yet.
  const { rows: keys } = await pool.query<{ id: string; staffId: string; pseudonym: string }>(
    `SELECT k.id, s.id AS "staffId", s.pseudonym
     FROM digital_key k JOIN staff_member s ON s.id = k.holder_staff_member_id
     WHERE k.municipality_id = $1 AND k.kind = 'hardware_key' AND k.status = 'active'
       AND s.employment_starts_on <= $2::date - $3::int AND s.employment_ends_on IS NULL
       AND NOT EXISTS (SELECT 1 FROM device_enrolment e WHERE e.id = k.id OR e.digital_key_id = k.id)
     ORDER BY k.serial`,
    [municipalityId, today, days + 1],
  );
  // Mornings from 06:00 UTC (07:00 Swedish winter time), one visit every 50 minutes; the last
  // `days` days before today (today's visits only once they are over).
  const start = now - days * 86_400;
  const dayStart = (Math.floor(start / 86_400) + 1) * 86_400;
  const arrivalOf = (day: number, index: number) =>
    dayStart + day * 86_400 + 6 * 3600 + index * visitSpacingMinutes * 60;
  const isVisitDay = (day: number, index: number) => {
    const weekday = new Date((dayStart + day * 86_400) * 1000).getUTCDay();
    // Fewer visits at weekends.
    return arrivalOf(day, index) + 3600 <= now && !((weekday === 0 || weekday === 6) && index % 3 === 0);
  };
  const instantsOf = (index: number) =>
    Array.from({ length: days }, (_, day) => day)
      .filter((day) => isVisitDay(day, index))
      .flatMap((day) => [arrivalOf(day, index), arrivalOf(day, index) + longestVisitMinutes * 60]);

  // Pair each customer with a key whose holder the model lets open every door on the way in at
  // every visit's arrival and departure; each key serves one customer (one building a day).
  // Buildings with the most candidates first, so demo customers share buildings and a key can
  // be tried at a neighbour's door whose lock another demo key opens (and so collects its records).
  const perBuilding = new Map<string, typeof candidates>();
  for (const candidate of candidates)
    perBuilding.set(candidate.propertyId, [...(perBuilding.get(candidate.propertyId) ?? []), candidate]);
  // At most four per building, so the demo's events spread over several buildings. A customer a
  // demo relative follows comes first, with their building, so the relative's page has visits.
  const relativeFirst = (list: typeof candidates) =>
    [...list].sort((a, b) => Number(b.hasRelative) - Number(a.hasRelative));
  const ordered = [...perBuilding.values()]
    .map(relativeFirst)
    .sort((a, b) => Number(b[0]!.hasRelative) - Number(a[0]!.hasRelative) || b.length - a.length)
    .flatMap((list) => list.slice(0, 4));
  const planIndex = await loadIndex(pool, municipalityId);
  const visits: Array<Visit & { propertyId: string; instants: number[] }> = [];
  const usedKeys = new Set<string>();
  for (const candidate of ordered) {
    if (visits.length >= wanted) break;
    const instants = instantsOf(visits.length).map((seconds) => seconds * 1000);
    if (instants.length === 0) break;
    const isAllowed = (staffId: string, lockId: string) =>
      instants.every((at) => mayOpen(planIndex, staffId, lockId, at));
    const key = keys.find(
      (k) => !usedKeys.has(k.id) && candidate.lockIds.every((lockId) => isAllowed(k.staffId, lockId)),
    );
    if (!key) continue;
    usedKeys.add(key.id);
    visits.push({
      customerId: candidate.customerId,
      propertyId: candidate.propertyId,
      instants,
      lockIds: candidate.lockIds,
      keyId: key.id,
      staffId: key.staffId,
      neighbourLockId: undefined,
    });
  }
  for (const visit of visits)
    visit.neighbourLockId = visits
      .filter((other) => other !== visit && other.propertyId === visit.propertyId)
      .flatMap((other) => other.lockIds)
      .find(
        (lockId) =>
          !visit.lockIds.includes(lockId) &&
          visit.instants.every((at) => !mayOpen(planIndex, visit.staffId, lockId, at)),
      );
  if (visits.length === 0) return { isAdded: false, customers: 0, records: 0 };

  const world = new ManualWorldClock(start - 3600);
  const issuer = await InProcessIssuer.create({
    municipality: municipalityCode,
    world,
    pinIterations: 1000,
    ticketValiditySeconds: ticketSeconds,
    shiftSeconds: ticketSeconds,
  });
  const gateway = new DemoGateway(issuer, pool, municipalityId, municipalityCode, world);
  const box = new ActivationBox(uuidToBytes(randomUUID()), gateway);
  const station = new SyncStation(uuidToBytes(randomUUID()), gateway);

  const locks = new Map<string, Lock>();
  const hardwareKeys = new Map<string, { key: HardwareKey; pin: string }>();
  await withTransaction(pool, async (client) => {
    const enrol = async (
      kind: 'lock' | 'key',
      publicKey: CryptoKey,
      link: { lockId?: string; keyId?: string },
    ) =>
      (
        await client.query<{ id: string }>(
          `INSERT INTO device_enrolment (id, municipality_id, kind, lock_device_id, digital_key_id, label, public_jwk, enrolled_by)
           VALUES (coalesce($1::uuid, gen_random_uuid()), $2, $3, $4, $5, 'Demo (simulerad)', $6, $7) RETURNING id`,
          [
            link.keyId ?? null,
            municipalityId,
            kind,
            link.lockId ?? null,
            link.keyId ?? null,
            JSON.stringify(await exportPublicJwk(publicKey)),
            enrolledBy,
          ],
        )
      ).rows[0]!.id;
    const lockIds = new Set(visits.flatMap((visit) => visit.lockIds));
    for (const lockId of lockIds) {
      const { rows } = await client.query<{ number: number | null; battery: number | null }>(
        'SELECT lock_number AS number, battery_level AS battery FROM lock_device WHERE id = $1',
        [lockId],
      );
      let number = rows[0]!.number;
      if (number === null) {
        const next = await client.query<{ n: number }>(
          'UPDATE municipality SET next_lock_number = next_lock_number + 1 WHERE id = $1 RETURNING next_lock_number - 1 AS n',
          [municipalityId],
        );
        number = next.rows[0]!.n;
        await client.query('UPDATE lock_device SET lock_number = $2 WHERE id = $1', [lockId, number]);
      }
      const keyPair = await generateSigningKeyPair();
      const deviceId = uuidToBytes(await enrol('lock', keyPair.publicKey, { lockId }));
      await issuer.enrolDevice({ deviceId, kind: 'lock', publicKey: keyPair.publicKey, lock: number });
      const lock = new Lock({
        deviceId,
        lockNumber: number,
        issuer: municipalityCode,
        issuerKeys: issuer.issuerKeys,
        keyPair,
        world,
      });
      lock.battery.setPercent(Math.min(100, (rows[0]!.battery ?? 80) + days * 0.5));
      locks.set(lockId, lock);
    }
    const pseudonymOf = new Map(keys.map((key) => [key.id, key.pseudonym]));
    for (const visit of visits) {
      const keyPair = await generateSigningKeyPair();
      await enrol('key', keyPair.publicKey, { keyId: visit.keyId });
      const pin = String(1000 + hardwareKeys.size * 37).padStart(4, '0');
      const key = new HardwareKey({
        deviceId: uuidToBytes(visit.keyId),
        keyPair,
        world,
        pinIterations: 1000,
      });
      await key.setPin(pin);
      await issuer.enrolDevice({
        deviceId: key.deviceId,
        kind: 'key',
        publicKey: keyPair.publicKey,
        staff: pseudonymOf.get(visit.keyId)!,
        pin,
      });
      hardwareKeys.set(visit.keyId, { key, pin });
    }
  });

  // The locks have numbers now: compile tickets from facts that include them.
  const index = await loadIndex(pool, municipalityId);
  const lockNumberOf = (lockId: string) => locks.get(lockId)?.lockNumber;
  const credentials = new Map<
    string,
    { tickets: number; lastActivationAt: number; lastExpiresAt: number; lastSeenAt: number }
  >();
  const open = async (visit: Visit, lockId: string, isExpected: boolean) => {
    const at = world.now() * 1000;
    // The model decides; the lock, holding a ticket compiled from the same model, must agree.
    if (mayOpen(index, visit.staffId, lockId, at) !== isExpected) return;
    const result = await hardwareKeys.get(visit.keyId)!.key.openLock(locks.get(lockId)!);
    if (result.isOpen !== isExpected)
      throw new Error(`seed-demo: lock ${lockId} ${result.isOpen ? 'opened' : 'refused'} against the model`);
  };
  for (let day = 0; day < days; day += 1) {
    for (const [position, visit] of visits.entries()) {
      if (!isVisitDay(day, position)) continue;
      world.advance(Math.max(0, arrivalOf(day, position) - world.now()));
      const { key, pin } = hardwareKeys.get(visit.keyId)!;
      const list = compileLockList(index, visit.staffId, world.now() * 1000, {
        validForSeconds: ticketSeconds,
      });
      issuer.setGrants(
        key.deviceId,
        toLockGrants(
          { ...list, locks: list.locks.filter((lock) => lockNumberOf(lock.lockId) !== undefined) },
          (lockId) => lockNumberOf(lockId)!,
        ),
      );
      const activation = await box.activate(key, pin);
      if (!activation.isActivated) throw new Error(`seed-demo: activation refused (${activation.reason})`);
      const state = credentials.get(visit.keyId) ?? {
        tickets: 0,
        lastActivationAt: 0,
        lastExpiresAt: 0,
        lastSeenAt: 0,
      };
      state.tickets += 1;
      state.lastActivationAt = world.now();
      state.lastExpiresAt = world.now() + ticketSeconds;
      world.advance(60);
      if ((position + day) % 3 === 0 && visit.neighbourLockId) {
        await open(visit, visit.neighbourLockId, false);
        world.advance(60);
      }
      for (const lockId of visit.lockIds) await open(visit, lockId, true);
      world.advance(25 * 60 + ((position * 7 + day * 3) % 20) * 60);
      await open(visit, visit.lockIds.at(-1)!, true);
      await station.sync(key);
      state.tickets += 1;
      state.lastExpiresAt = world.now() + ticketSeconds;
      state.lastSeenAt = world.now();
      credentials.set(visit.keyId, state);
    }
  }
  for (const [keyId, state] of credentials) {
    await recordDemoKeyCredential(pool, {
      municipalityId,
      digitalKeyId: keyId,
      pinVerifier: createPinVerifier(hardwareKeys.get(keyId)!.pin, keyId, masterKey),
      pinSetAt: new Date((start - 3600) * 1000),
      ticketSequence: state.tickets,
      lastActivationAt: new Date(state.lastActivationAt * 1000),
      lastTicketExpiresAt: new Date(state.lastExpiresAt * 1000),
      lastSeenAt: new Date(state.lastSeenAt * 1000),
    });
  }
  const { rows: stored } = await pool.query<{ n: string }>(
    'SELECT count(*) AS n FROM device_event WHERE municipality_id = $1',
    [municipalityId],
  );
  return { isAdded: true, customers: visits.length, records: Number(stored[0]!.n) };
}
