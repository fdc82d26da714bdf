// Storage of device records (migration 0005, docs/event-log.md): the COPY path (binary rows,
// streamed while ingest verifies) and partition maintenance. Verification lives in the server's
// ingest; this file only moves rows.
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Queryable } from '../registry';

/** One stored device record, as COPY writes it. */
export interface DeviceEventRow {
  municipalityId: string;
  deviceId: string;
  sequence: number;
  occurredAt: Date;
  deviceTime: Date;
  receivedAt: Date;
  kind: number;
  result: number;
  reason: number;
  battery: number;
  keyId: string | null;
  staffPseudonym: string | null;
  lockNumber: number | null;
  lockDeviceId: string | null;
  doorId: string | null;
  source: string;
  record: Uint8Array;
  /** Protocol fields 12–16 (migration 0007); null when the record does not carry them. */
  blockListVersion?: number | null;
  verified?: boolean | null;
  claimedKeyId?: string | null;
  eventCount?: number | null;
  firstTime?: Date | null;
}

export const deviceEventColumns = [
  'municipality_id',
  'device_id',
  'sequence',
  'occurred_at',
  'device_time',
  'received_at',
  'kind',
  'result',
  'reason',
  'battery',
  'key_id',
  'staff_pseudonym',
  'lock_number',
  'lock_device_id',
  'door_id',
  'source',
  'record',
  'block_list_version',
  'verified',
  'claimed_key_id',
  'event_count',
  'first_time',
] as const;

/** Escapes a text value for COPY's text format. */
function copyText(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

const nullField = '\\N';

/** Encodes one row as a line of COPY text format (bytea as \\x hex). */
export function encodeCopyLine(row: DeviceEventRow): string {
  return (
    [
      row.municipalityId,
      row.deviceId,
      String(row.sequence),
      row.occurredAt.toISOString(),
      row.deviceTime.toISOString(),
      row.receivedAt.toISOString(),
      String(row.kind),
      String(row.result),
      String(row.reason),
      String(row.battery),
      row.keyId ?? nullField,
      row.staffPseudonym === null ? nullField : copyText(row.staffPseudonym),
      row.lockNumber === null ? nullField : String(row.lockNumber),
      row.lockDeviceId ?? nullField,
      row.doorId ?? nullField,
      copyText(row.source),
      `\\\\x${Buffer.from(row.record.buffer, row.record.byteOffset, row.record.byteLength).toString('hex')}`,
      row.blockListVersion == null ? nullField : String(row.blockListVersion),
      row.verified == null ? nullField : row.verified ? 't' : 'f',
      row.claimedKeyId ?? nullField,
      row.eventCount == null ? nullField : String(row.eventCount),
      row.firstTime == null ? nullField : row.firstTime.toISOString(),
    ].join('\t') + '\n'
  );
}

/**
 * Streams rows into `table` (default device_event, which routes them to their month) with COPY,
 * on the caller's client so it joins the caller's transaction. Lines are sent in chunks.
 */
export async function copyEventLines(
  client: pg.PoolClient | pg.Client,
  lines: Iterable<string> | AsyncIterable<string>,
  table = 'device_event',
): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} (${deviceEventColumns.join(', ')}) FROM STDIN`));
  async function* chunks(): AsyncGenerator<string> {
    let buffer = '';
    for await (const line of lines) {
      buffer += line;
      if (buffer.length > 1 << 20) {
        yield buffer;
        buffer = '';
      }
    }
    if (buffer) yield buffer;
  }
  await pipeline(Readable.from(chunks()), stream);
}

const pgEpochMs = Date.UTC(2000, 0, 1);
const uuidTypeOid = 2950;
const binarySignature = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/**
 * Builds COPY's binary format (no text parsing on the server: uuids, timestamps and bytea go in
 * as they are stored). One writer is reused; `take` hands out what was written since the last take.
 */
export class CopyBinaryWriter {
  private buf: Buffer;
  private at = 0;
  private readonly uuids = new Map<string, Buffer>();

  constructor(size = 1 << 20) {
    this.buf = Buffer.allocUnsafe(size);
  }

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }

  get length(): number {
    return this.at;
  }

  /** The stream header (once, first). */
  header(): this {
    this.room(19);
    binarySignature.copy(this.buf, this.at);
    this.buf.writeInt32BE(0, this.at + 11);
    this.buf.writeInt32BE(0, this.at + 15);
    this.at += 19;
    return this;
  }

  /** A bare 16-bit word: a row's field count, or the trailer's -1. */
  private word16(value: number): this {
    this.room(2);
    this.buf.writeInt16BE(value, this.at);
    this.at += 2;
    return this;
  }

  /** The stream trailer (once, last): a field count of -1. */
  trailer(): this {
    return this.word16(-1);
  }

  row(fields: number): this {
    return this.word16(fields);
  }

  /**
   * Starts a field of `size` bytes: writes its length and moves past its value, and returns where
   * the value goes. Callers take the offset before `buf`, which `room` may have replaced.
   */
  private field(size: number): number {
    this.room(4 + size);
    this.buf.writeInt32BE(size, this.at);
    const at = this.at + 4;
    this.at = at + size;
    return at;
  }

  null(): this {
    this.room(4);
    this.buf.writeInt32BE(-1, this.at);
    this.at += 4;
    return this;
  }

  /** A uuid from 16 bytes at `offset` of `bytes`. */
  uuidBytes(bytes: Uint8Array, offset = 0): this {
    const at = this.field(16);
    this.buf.set(bytes.subarray(offset, offset + 16), at);
    return this;
  }

  /** A uuid from its text (cached: the same municipality, door and key ids repeat). */
  uuid(text: string | null): this {
    if (text === null) return this.null();
    let bytes = this.uuids.get(text);
    if (!bytes) {
      bytes = Buffer.from(text.replace(/-/g, ''), 'hex');
      if (bytes.length !== 16) throw new Error(`not a uuid: ${text}`);
      if (this.uuids.size > 10_000) this.uuids.clear();
      this.uuids.set(text, bytes);
    }
    return this.uuidBytes(bytes);
  }

  int32(value: number): this {
    const at = this.field(4);
    this.buf.writeInt32BE(value, at);
    return this;
  }

  /** A one-dimensional uuid[] without nulls (PostgreSQL's binary array: header, then elements). */
  uuidArray(texts: readonly string[]): this {
    this.room(24);
    this.buf.writeInt32BE(20 + texts.length * 20, this.at);
    this.buf.writeInt32BE(1, this.at + 4); // dimensions
    this.buf.writeInt32BE(0, this.at + 8); // no nulls
    this.buf.writeInt32BE(uuidTypeOid, this.at + 12);
    this.buf.writeInt32BE(texts.length, this.at + 16);
    this.buf.writeInt32BE(1, this.at + 20); // lower bound
    this.at += 24;
    for (const text of texts) this.uuid(text);
    return this;
  }

  int16(value: number): this {
    const at = this.field(2);
    this.buf.writeInt16BE(value, at);
    return this;
  }

  /** A bigint (any safe integer). */
  int64(value: number): this {
    const at = this.field(8);
    const high = Math.floor(value / 4294967296);
    this.buf.writeInt32BE(high, at);
    this.buf.writeUInt32BE(value - high * 4294967296, at + 4);
    return this;
  }

  /** A timestamptz from milliseconds since the Unix epoch. */
  timestamp(ms: number): this {
    return this.int64((ms - pgEpochMs) * 1000);
  }

  bool(value: boolean): this {
    const at = this.field(1);
    this.buf[at] = value ? 1 : 0;
    return this;
  }

  bytes(value: Uint8Array): this {
    const at = this.field(value.length);
    this.buf.set(value, at);
    return this;
  }

  text(value: string): this {
    const at = this.field(Buffer.byteLength(value));
    this.buf.write(value, at);
    return this;
  }

  /** Forgets what was written since the last take. */
  reset(): void {
    this.at = 0;
  }

  /** A copy of what was written since the last take. */
  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.at));
    this.at = 0;
    return out;
  }
}

/** Writes one row in deviceEventColumns order. */
export function writeDeviceEventRow(w: CopyBinaryWriter, row: DeviceEventRow): void {
  w.row(deviceEventColumns.length)
    .uuid(row.municipalityId)
    .uuid(row.deviceId)
    .int64(row.sequence)
    .timestamp(row.occurredAt.getTime())
    .timestamp(row.deviceTime.getTime())
    .timestamp(row.receivedAt.getTime())
    .int16(row.kind)
    .int16(row.result)
    .int16(row.reason)
    .int16(row.battery)
    .uuid(row.keyId);
  if (row.staffPseudonym === null) w.null();
  else w.text(row.staffPseudonym);
  if (row.lockNumber === null) w.null();
  else w.int64(row.lockNumber);
  w.uuid(row.lockDeviceId).uuid(row.doorId).text(row.source).bytes(row.record);
  if (row.blockListVersion == null) w.null();
  else w.int64(row.blockListVersion);
  if (row.verified == null) w.null();
  else w.bool(row.verified);
  w.uuid(row.claimedKeyId ?? null);
  if (row.eventCount == null) w.null();
  else w.int64(row.eventCount);
  if (row.firstTime == null) w.null();
  else w.timestamp(row.firstTime.getTime());
}

/**
 * A COPY into device_event that the caller feeds while it works: ingest writes each verified
 * batch's lines as soon as it has them, so PostgreSQL parses and indexes batch N while Node
 * verifies batch N + 1. `write` waits only when the socket buffer is full; `abort` fails the COPY
 * (the caller then rolls back).
 */
export interface EventCopy {
  /** Rows in COPY binary format (CopyBinaryWriter), without header or trailer. */
  write(chunk: Buffer): Promise<void>;
  end(): Promise<void>;
  abort(error: Error): void;
}

export function openEventCopy(client: pg.PoolClient | pg.Client, table = 'device_event'): EventCopy {
  return openBinaryCopy(client, table, deviceEventColumns);
}

/** A binary COPY into `table`'s `columns` (trusted names, never input), fed row chunks as above. */
export function openBinaryCopy(
  client: pg.PoolClient | pg.Client,
  table: string,
  columns: readonly string[],
): EventCopy {
  const stream = client.query(
    copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT binary)`),
  );
  stream.write(new CopyBinaryWriter(32).header().take());
  let failure: Error | undefined;
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', (error: Error) => {
      failure = error;
      reject(error);
    });
  });
  finished.catch(() => undefined);
  return {
    async write(chunk) {
      if (failure) throw failure;
      if (!stream.write(chunk)) {
        await new Promise<void>((resolve, reject) => {
          const onDrain = () => {
            stream.off('error', onError);
            resolve();
          };
          const onError = (error: Error) => {
            stream.off('drain', onDrain);
            reject(error);
          };
          stream.once('drain', onDrain);
          stream.once('error', onError);
        });
      }
    },
    async end() {
      stream.end(new CopyBinaryWriter(8).trailer().take());
      await finished;
    },
    abort(error) {
      stream.destroy(error);
    },
  };
}

/** Writes rows with COPY (see copyEventLines). */
export async function copyEventRows(
  client: pg.PoolClient | pg.Client,
  rows: DeviceEventRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await copyEventLines(client, rows.map(encodeCopyLine));
}

/** Creates the monthly partitions of [fromMonth, fromMonth + months); returns the new names. */
export async function ensureEventPartitions(
  db: Queryable,
  fromMonth: Date,
  months: number,
): Promise<string[]> {
  const { rows } = await db.query<{ created: string[] }>(
    'SELECT device_event_ensure_partitions($1::date, $2) AS created',
    [fromMonth.toISOString().slice(0, 10), months],
  );
  return rows[0]!.created;
}

/** Monthly partitions that exist, oldest first, with their UTC month. */
export async function listEventPartitions(db: Queryable): Promise<Array<{ name: string; month: string }>> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'device_event'::regclass AND c.relname ~ '^device_event_[0-9]{4}_[0-9]{2}$'
     ORDER BY c.relname`,
  );
  return rows.map((row) => ({
    name: row.name,
    month: `${row.name.slice(13, 17)}-${row.name.slice(18, 20)}`,
  }));
}
