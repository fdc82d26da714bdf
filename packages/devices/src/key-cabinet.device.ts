// A digital key cabinet (issue #13, R9.3): slots holding customers' physical backup keys, a door
// per slot, and its own enrolled P-256 key. Every take and return becomes a hash-chained record
// (kinds key-taken / key-returned with the slot in field 17 and the staff pseudonym the server
// authorised), and the cabinet hands its records over with a signed chain head through the
// device gateway, signing its HTTP requests like a sync station (docs/key-cabinets.md).
import type { EventRecord, RecordBatch } from '@portvakt/protocol';
import {
  encodeRecordBatch,
  exportPublicJwk,
  generateSigningKeyPair,
  type PublicJwk,
} from '@portvakt/protocol';
import { RealTimeClock, type WorldClock } from './clock';
import { HttpIssuerGateway } from './http-issuer-gateway';
import type { IssuerGateway, UploadReceipt } from './issuer-gateway';
import { RecordingDevice, RecordLog } from './record-log';

export interface KeyCabinetConfig {
  /** The cabinet's 16-byte device id: its registry id (key_cabinet.id). */
  deviceId: Uint8Array;
  slotCount: number;
  world: WorldClock;
  /** Slots holding a key when the cabinet is installed (default: none). */
  occupiedSlots?: number[];
  /** Records kept until handed over; a cabinet is mains powered and never overwrites (default 5000). */
  recordCapacity?: number;
  clockOffsetSeconds?: number;
}

/** Why the cabinet refused to open a slot: nothing was recorded. */
export class CabinetRefusedError extends Error {
  constructor(
    readonly reason: 'no-such-slot' | 'slot-empty' | 'slot-occupied' | 'log-full',
    message: string,
  ) {
    super(message);
    this.name = 'CabinetRefusedError';
  }
}

export class KeyCabinet extends RecordingDevice {
  readonly deviceId: Uint8Array;
  readonly slotCount: number;
  readonly clock: RealTimeClock;
  private readonly present = new Set<number>();

  private constructor(
    config: KeyCabinetConfig,
    private readonly keyPair: CryptoKeyPair,
  ) {
    super(new RecordLog(config.deviceId, keyPair.privateKey, config.recordCapacity ?? 5000));
    this.deviceId = config.deviceId;
    this.slotCount = config.slotCount;
    this.clock = new RealTimeClock(config.world, 0, config.clockOffsetSeconds ?? 0);
    for (const slot of config.occupiedSlots ?? []) this.present.add(this.checkSlot(slot));
  }

  /** Makes a cabinet with a fresh key pair; the private key never leaves it. */
  static async create(config: KeyCabinetConfig): Promise<KeyCabinet> {
    return new KeyCabinet(config, await generateSigningKeyPair());
  }

  /** The public key to enrol (POST /api/v1/devices, kind key_cabinet). */
  exportPublicJwk(): Promise<PublicJwk> {
    return exportPublicJwk(this.keyPair.publicKey);
  }

  /** Whether a key sits in `slot` now (the slot's sensor). */
  isKeyIn(slot: number): boolean {
    return this.present.has(slot);
  }

  /** Opens `slot` for `staff` (the pseudonym the server's authorisation names) and records the take. */
  async take(slot: number, staff: string): Promise<EventRecord> {
    this.checkSlot(slot);
    if (staff.length === 0 || staff.length > 64) throw new Error('a staff pseudonym is 1–64 characters');
    if (!this.present.has(slot)) throw new CabinetRefusedError('slot-empty', `slot ${slot} holds no key`);
    const record = await this.append('key-taken', slot, staff);
    this.present.delete(slot);
    return record;
  }

  /** Records a key put back into `slot` by `staff`. */
  async returnKey(slot: number, staff: string): Promise<EventRecord> {
    this.checkSlot(slot);
    if (this.present.has(slot))
      throw new CabinetRefusedError('slot-occupied', `slot ${slot} already holds a key`);
    const record = await this.append('key-returned', slot, staff);
    this.present.add(slot);
    return record;
  }

  /** The records not handed over yet with a chain head signed now. */
  exportBatch(afterSequence?: number): Promise<RecordBatch> {
    return this.log.exportBatch(this.clock.now(), afterSequence);
  }

  /** Hands the records over; they leave the cabinet's queue only once the issuer confirmed them. */
  async upload(gateway: IssuerGateway): Promise<UploadReceipt> {
    const upTo = this.log.sequence;
    const batch = await this.exportBatch();
    const receipt = await gateway.uploadRecords([encodeRecordBatch(batch)]);
    this.log.confirmHandedOver(upTo);
    return receipt;
  }

  /** The HTTP device gateway at `baseUrl`, every request signed with the cabinet's own key. */
  connect(baseUrl: string, deviceIdText: string): IssuerGateway {
    return new HttpIssuerGateway({
      baseUrl,
      deviceId: deviceIdText,
      privateKey: this.keyPair.privateKey,
      now: () => this.clock.now(),
    });
  }

  private checkSlot(slot: number): number {
    if (!Number.isInteger(slot) || slot < 1 || slot > this.slotCount)
      throw new CabinetRefusedError('no-such-slot', `the cabinet has no slot ${slot}`);
    return slot;
  }

  private async append(
    kind: 'key-taken' | 'key-returned',
    slot: number,
    staff: string,
  ): Promise<EventRecord> {
    if (!this.log.canAppend())
      throw new CabinetRefusedError('log-full', 'records not handed over fill the log');
    return this.log.append({
      time: this.clock.now(),
      kind,
      result: 'ok',
      reason: 'none',
      battery: 100,
      staff,
      slot,
    });
  }
}
