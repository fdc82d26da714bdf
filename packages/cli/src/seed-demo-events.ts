// A week of openings and refusals for the demo, made by the real simulated devices: a subset of
// customers' locks and their home-care staff's hardware keys are enrolled with fresh key pairs,
// keys are activated every morning, open the doors on the way in (arrival and departure), now
// and then try a door their ticket does not name (refused), and hand their records — and the
// locks' records they collected — to a sync station, whose uploads go through the server's
// verified ingest. Runs once: a demo municipality that has any event or seed-demo enrolment is
// left alone.
import { randomUUID } from 'node:crypto';
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
import { exportPublicJwk, generateSigningKeyPair, uuidToBytes } from '@portvakt/protocol';
import type pg from 'pg';
import { ingestRecordBatches } from '@portvakt/server';

const enrolledBy = 'seed-demo';

class IngestGateway implements IssuerGateway {
  constructor(
    private readonly issuer: InProcessIssuer,
    private readonly pool: pg.Pool,
    private readonly municipalityId: string,
  ) {}
  activate = (call: Parameters<IssuerGateway['activate']>[0]) => this.issuer.activate(call);
  sync = (call: Parameters<IssuerGateway['sync']>[0]) => this.issuer.sync(call);
  login = (call: Parameters<IssuerGateway['login']>[0]) => this.issuer.login(call);
  uploadRecords(batches: Uint8Array[]): Promise<UploadReceipt> {
    return ingestRecordBatches(this.pool, this.municipalityId, batches, {
      kind: 'sync_station',
      deviceId: 'seed-demo-station',
    });
  }
}

interface Visit {
  customerId: string;
  lockIds: string[];
  keyId: string;
}

export interface SeedDemoEventsResult {
  isAdded: boolean;
  customers: number;
  records: number;
}

/** Adds `days` days of events ending yesterday, for up to `customers` customers. */
export async function seedDemoEvents(
  pool: pg.Pool,
  municipalityId: string,
  municipalityCode: string,
  options: { days?: number; customers?: number; now?: number } = {},
): Promise<SeedDemoEventsResult> {
  const days = options.days ?? 7;
  const { rows: existing } = await pool.query(
    `SELECT 1 FROM device_chain WHERE municipality_id = $1
     UNION ALL SELECT 1 FROM device_enrolment WHERE municipality_id = $1 AND enrolled_by = $2 LIMIT 1`,
    [municipalityId, enrolledBy],
  );
  if (existing.length > 0) return { isAdded: false, customers: 0, records: 0 };

  // Customers with ongoing home care whose every door on the way in has an installed lock that
  // no device is enrolled for yet, and an active hardware key of that provider per customer.
  const { rows: candidates } = await pool.query<{
    customerId: string;
    providerId: string;
    lockIds: string[];
  }>(
    `SELECT c.id AS "customerId", cs.provider_id AS "providerId",
       array_agg(l.id ORDER BY a.position) AS "lockIds"
     FROM customer c
       JOIN customer_service cs ON cs.customer_id = c.id AND cs.service = 'home_care'
         AND cs.starts_on <= current_date AND (cs.ends_on IS NULL OR cs.ends_on >= current_date)
       JOIN access_path_step a ON a.customer_id = c.id
       LEFT JOIN LATERAL (SELECT l.id FROM lock_device l WHERE l.door_id = a.door_id AND l.status = 'installed'
         AND NOT EXISTS (SELECT 1 FROM device_enrolment e WHERE e.lock_device_id = l.id)
         ORDER BY l.serial LIMIT 1) l ON true
     WHERE c.municipality_id = $1 AND NOT c.has_refused_lock
     GROUP BY c.id, cs.provider_id, c.family_name, c.given_name
     HAVING bool_and(l.id IS NOT NULL)
     ORDER BY c.family_name, c.given_name, c.id
     LIMIT $2`,
    [municipalityId, (options.customers ?? 12) * 2],
  );
  const { rows: keys } = await pool.query<{ id: string; providerId: string; pseudonym: string }>(
    `SELECT k.id, k.provider_id AS "providerId", s.pseudonym
     FROM digital_key k JOIN staff_member s ON s.id = k.holder_staff_member_id
     WHERE k.municipality_id = $1 AND k.kind = 'hardware_key' AND k.status = 'active'
       AND s.employment_starts_on <= current_date AND s.employment_ends_on IS NULL
       AND NOT EXISTS (SELECT 1 FROM device_enrolment e WHERE e.id = k.id OR e.digital_key_id = k.id)
     ORDER BY k.serial`,
    [municipalityId],
  );
  const keysOf = new Map<string, typeof keys>();
  for (const key of keys) keysOf.set(key.providerId, [...(keysOf.get(key.providerId) ?? []), key]);
  const visits: Visit[] = [];
  const used = new Map<string, number>();
  for (const candidate of candidates) {
    const own = keysOf.get(candidate.providerId);
    if (!own?.length) continue;
    const index = used.get(candidate.providerId) ?? 0;
    used.set(candidate.providerId, index + 1);
    visits.push({
      customerId: candidate.customerId,
      lockIds: candidate.lockIds,
      keyId: own[index % own.length]!.id,
    });
    if (visits.length >= (options.customers ?? 12)) break;
  }
  if (visits.length === 0) return { isAdded: false, customers: 0, records: 0 };

  const now = options.now ?? Math.floor(Date.now() / 1000);
  const start = now - days * 86_400;
  const world = new ManualWorldClock(start - 3600);
  const issuer = await InProcessIssuer.create({ municipality: municipalityCode, world, pinIterations: 1000 });
  const gateway = new IngestGateway(issuer, pool, municipalityId);
  const box = new ActivationBox(uuidToBytes(randomUUID()), gateway);
  const station = new SyncStation(uuidToBytes(randomUUID()), gateway);

  const locks = new Map<string, { lock: Lock; number: number }>();
  const hardwareKeys = new Map<string, { key: HardwareKey; pin: string; grants: Set<number> }>();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
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
    for (const lockId of new Set(visits.flatMap((visit) => visit.lockIds))) {
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
      locks.set(lockId, { lock, number });
    }
    const pseudonymOf = new Map(keys.map((key) => [key.id, key.pseudonym]));
    for (const visit of visits) {
      let entry = hardwareKeys.get(visit.keyId);
      if (!entry) {
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
        entry = { key, pin, grants: new Set() };
        hardwareKeys.set(visit.keyId, entry);
      }
      for (const lockId of visit.lockIds) entry.grants.add(locks.get(lockId)!.number);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  for (const entry of hardwareKeys.values())
    issuer.setGrants(
      entry.key.deviceId,
      [...entry.grants].map((lock) => ({ lock })),
    );

  // Mornings from 06:00 UTC (07:00 Swedish winter time), one visit every 20 minutes, 25–45
  // minutes each; every fourth visit the key is first tried at a neighbour's door (refused).
  // The last `days` days up to today (today's visits only once they are over).
  const dayStart = (Math.floor(start / 86_400) + 1) * 86_400;
  for (let day = 0; day < days; day += 1) {
    const weekday = new Date((dayStart + day * 86_400) * 1000).getUTCDay();
    for (const [index, visit] of visits.entries()) {
      const arrival = dayStart + day * 86_400 + 6 * 3600 + index * 20 * 60;
      if (arrival + 3600 > now) continue;
      // Fewer visits at weekends.
      if ((weekday === 0 || weekday === 6) && index % 3 === 0) continue;
      world.advance(Math.max(0, arrival - world.now()));
      const { key, pin } = hardwareKeys.get(visit.keyId)!;
      await box.activate(key, pin);
      if ((index + day) % 4 === 0) {
        const other = visits[(index + 1) % visits.length]!;
        const door = locks.get(other.lockIds.at(-1)!)!.lock;
        if (other.keyId !== visit.keyId) await key.openLock(door);
      }
      for (const lockId of visit.lockIds) await key.openLock(locks.get(lockId)!.lock);
      world.advance(25 * 60 + ((index * 7 + day * 3) % 20) * 60);
      await key.openLock(locks.get(visit.lockIds.at(-1)!)!.lock);
      await station.sync(key);
    }
  }
  const { rows: stored } = await pool.query<{ n: string }>(
    'SELECT count(*) AS n FROM device_event WHERE municipality_id = $1',
    [municipalityId],
  );
  return { isAdded: true, customers: visits.length, records: Number(stored[0]!.n) };
}
