// The steady load the HA test keeps up through a database failover and a lost Portvakt process,
// as real clients would: staff activate their keys at the box and open the entrance, the sync
// station uploads the records the keys carry, and administrators create customers with an
// Idempotency-Key. A client that gets no answer (network error) or a 5xx tries again with the same
// key after a backoff until the server acknowledges or the load ends. Every acknowledged (2xx)
// request is written down here, with its time; the checks then look for each in the database.
import { IssuerUnreachableError } from '@portvakt/devices';
import { bytesToUuid, decodeEventRecord, encodeRecordBatch, type RecordBatch } from '@portvakt/protocol';
import type { HaKey, HaWorld } from './ha-world';
import { sleep } from './cluster-control';

export interface CustomerWrite {
  /** The unique family name the customer is created with, and its Idempotency-Key. */
  marker: string;
  isAcknowledged: boolean;
  attempts: number;
  /** The server said `Idempotent-Replayed: true` (a retry got the first answer). */
  isReplayed: boolean;
}

export interface KeyActivations {
  keyId: string;
  /** Online activations the server answered with a ticket. */
  acknowledged: number;
  /** Activations without an answer (network error or 5xx): committed or not, nobody knows. */
  unanswered: number;
}

export interface LoadLedger {
  /** When each acknowledged write was answered (ms since the epoch), in order. */
  writeTimes: number[];
  customers: CustomerWrite[];
  activations: Map<string, KeyActivations>;
  /** `deviceId:sequence` of every record in an acknowledged upload. */
  records: Set<string>;
  /** Failed attempts by what failed (`network`, `503 database_unavailable`, …). */
  failures: Record<string, number>;
}

export function createLedger(): LoadLedger {
  return { writeTimes: [], customers: [], activations: new Map(), records: new Set(), failures: {} };
}

function countFailure(ledger: LoadLedger, what: string): void {
  ledger.failures[what] = (ledger.failures[what] ?? 0) + 1;
}

const backoff = (attempt: number) => Math.min(2_000, 100 * 2 ** attempt);

/**
 * Creates one customer, retrying with the same Idempotency-Key after a network error, a 5xx or
 * `idempotency_key_in_progress` until acknowledged or `until` has passed.
 */
async function createCustomerUntilAcknowledged(
  world: HaWorld,
  ledger: LoadLedger,
  write: CustomerWrite,
  until: number,
) {
  const body = { districtId: world.districtId, givenName: 'Last', familyName: write.marker };
  for (let attempt = 0; Date.now() < until; attempt++) {
    write.attempts += 1;
    let status: number;
    let code = '';
    try {
      const response = await world.admin.request('POST', '/api/v1/customers', body, {
        headers: { 'idempotency-key': write.marker },
      });
      status = response.status;
      code = (response.body as { code?: string } | undefined)?.code ?? '';
      if (status === 201) {
        write.isAcknowledged = true;
        write.isReplayed = response.headers.get('idempotent-replayed') === 'true';
        ledger.writeTimes.push(Date.now());
        return;
      }
    } catch {
      status = 0;
    }
    countFailure(ledger, status === 0 ? 'customer: network' : `customer: ${status} ${code}`.trim());
    const isRetryable = status === 0 || status >= 500 || code === 'idempotency_key_in_progress';
    if (!isRetryable) return;
    await sleep(backoff(attempt));
  }
}

/** An administrator creating customers one after another, each with its own marker. */
async function runAdministrator(
  world: HaWorld,
  ledger: LoadLedger,
  name: string,
  until: number,
  drainUntil: number,
) {
  for (let n = 1; Date.now() < until; n++) {
    const write: CustomerWrite = {
      marker: `ha-${name}-${n}`,
      isAcknowledged: false,
      attempts: 0,
      isReplayed: false,
    };
    ledger.customers.push(write);
    // A write begun before the load ends is seen through (retried) until the drain deadline.
    await createCustomerUntilAcknowledged(world, ledger, write, drainUntil);
    await sleep(50);
  }
}

/** One lock, one radio: keys take turns at the entrance. */
function createTurns() {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const next = last.then(work, work);
    last = next.catch(() => undefined);
    return next;
  };
}

/**
 * Uploads the key's own records and the lock records it carries through the sync station, as
 * `uploadHolderRecords` does, and notes each record once the server acknowledged the upload. On a
 * failure the records stay on the key and go again (the same records) with the next upload.
 */
async function uploadRecords(world: HaWorld, ledger: LoadLedger, key: HaKey): Promise<void> {
  const carried = key.key.takeCarriedRecords();
  const own = await key.key.exportOwnRecords();
  const batches: RecordBatch[] = [own.batch, ...carried];
  try {
    await world.stationGateway.uploadRecords(batches.map(encodeRecordBatch));
  } catch (error) {
    key.key.restoreCarriedRecords(carried);
    if (!(error instanceof IssuerUnreachableError)) throw error;
    countFailure(ledger, 'upload: unreachable');
    return;
  }
  key.key.confirmOwnRecords(own.upTo);
  for (const batch of batches)
    for (const bytes of batch.records) {
      const record = decodeEventRecord(bytes);
      ledger.records.add(`${bytesToUuid(record.deviceId)}:${record.sequence}`);
    }
  ledger.writeTimes.push(Date.now());
}

/** A staff member: activate at the box, open the entrance, dock at the station; again and again. */
async function runStaff(
  world: HaWorld,
  ledger: LoadLedger,
  key: HaKey,
  atTheDoor: ReturnType<typeof createTurns>,
  until: number,
) {
  const tally: KeyActivations = { keyId: key.id, acknowledged: 0, unanswered: 0 };
  ledger.activations.set(key.id, tally);
  while (Date.now() < until) {
    key.key.deactivate();
    const outcome = await world.box.activate(key.key, key.pin).catch((error: unknown) => {
      countFailure(ledger, `activation: ${(error as Error).message}`);
      return undefined;
    });
    if (outcome?.isActivated && outcome.mode === 'online') {
      tally.acknowledged += 1;
      ledger.writeTimes.push(Date.now());
    } else {
      // Offline (the issuer did not answer) or refused: the request may still have committed.
      tally.unanswered += 1;
      countFailure(
        ledger,
        `activation: ${outcome ? (outcome.isActivated ? outcome.mode : outcome.reason) : 'error'}`,
      );
    }
    if (key.key.ticket) await atTheDoor(() => key.key.openLock(world.entrance)).catch(() => undefined);
    await uploadRecords(world, ledger, key).catch((error: unknown) => {
      countFailure(ledger, `upload: ${(error as Error).message}`);
    });
    await sleep(outcome?.isActivated && outcome.mode === 'online' ? 100 : 500);
  }
  // What the key still holds goes up once the load has ended (a key docks at the end of a shift).
  for (let attempt = 0; attempt < 20 && (key.key.carriedRecordCount > 0 || attempt === 0); attempt++) {
    await uploadRecords(world, ledger, key).catch(() => undefined);
    if (key.key.carriedRecordCount === 0) break;
    await sleep(backoff(attempt));
  }
}

/** Runs the load until `until`; customer writes in flight then get `drainSeconds` to be acknowledged. */
export async function runLoad(
  world: HaWorld,
  ledger: LoadLedger,
  options: { until: number; administrators: number; drainSeconds: number },
): Promise<void> {
  const atTheDoor = createTurns();
  const drainUntil = options.until + options.drainSeconds * 1000;
  await Promise.all([
    ...Array.from({ length: options.administrators }, (_, i) =>
      runAdministrator(world, ledger, `admin${i + 1}-${Date.now().toString(36)}`, options.until, drainUntil),
    ),
    ...world.keys.map((key) => runStaff(world, ledger, key, atTheDoor, options.until)),
  ]);
}

/** The longest time without an acknowledged write between `from` and `to` (ms). */
export function measureLongestGap(
  writeTimes: number[],
  from: number,
  to: number,
): { ms: number; at: number } {
  const times = [from, ...writeTimes.filter((t) => t > from && t < to).sort((a, b) => a - b), to];
  let longest = { ms: 0, at: from };
  for (let i = 1; i < times.length; i++)
    if (times[i]! - times[i - 1]! > longest.ms)
      longest = { ms: times[i]! - times[i - 1]!, at: times[i - 1]! };
  return longest;
}
