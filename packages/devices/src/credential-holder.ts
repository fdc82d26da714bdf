// What hardware keys and phones have in common: a device key pair, the ticket and block list they
// carry, their activation time, their own record log, and the lock records they carry back.
import type { CredentialPurpose, KeyRing, RecordBatch } from '@portvakt/protocol';
import {
  decodeChallenge,
  encodePresentation,
  equalBytes,
  exportPublicCoordinates,
  isProtocolError,
  keyRingFromSet,
  parseBlockList,
  parseIssuerKeySet,
  randomBytes,
  signCredentialRequest,
  signKeyResponse,
  verifyBlockList,
  verifyIssuerKeySet,
  verifyTicket,
} from '@portvakt/protocol';
import type { Battery } from './battery';
import type { WorldClock } from './clock';
import { RealTimeClock } from './clock';
import type { IssuedCredentials } from './issuer-gateway';
import type { OpenResult } from './lock-config';
import type { LockLink, LockOrLink } from './lock-link';
import { isLockLinkError, toLockLink } from './lock-link';
import type { ChainStart, RecordFields, RecordLogState } from './record-log';
import { RecordLog } from './record-log';

export interface CredentialHolderConfig {
  deviceId: Uint8Array;
  keyPair: CryptoKeyPair;
  world: WorldClock;
  clockDriftPpm?: number;
  recordCapacity?: number;
  /**
   * The issuer key ring installed at enrolment. Tickets, block lists and key sets are verified
   * under it before they replace anything the holder carries. Without it (older simulations),
   * the holder takes the signed issuer key set that comes with its first credentials from the
   * issuer gateway as its enrolment ring, and verifies everything after that.
   */
  issuerKeys?: KeyRing;
}

/** What `openLock` returns: the lock's decision, or why the holder could not present at all. */
export type HolderOpenResult = OpenResult | { isOpen: false; reason: 'no-ticket' | 'battery-empty' };

export interface HeldTicket {
  bytes: Uint8Array;
  sequence: number;
  expiresAt: number;
  shiftSeconds: number;
}

/**
 * What a holder carries, as plain data (structured-cloneable): the phone app keeps it in
 * IndexedDB so a reload keeps the ticket, the record chain and the records waiting to upload.
 * The key pair is not in it: the app stores its non-extractable CryptoKeys itself.
 */
export interface HolderState {
  activatedAt: number;
  ticket: HeldTicket | undefined;
  blockList: { bytes: Uint8Array; version: number } | undefined;
  keySet: { bytes: Uint8Array; version: number } | undefined;
  carried: RecordBatch[];
  log: RecordLogState;
}

export abstract class CredentialHolder {
  readonly deviceId: Uint8Array;
  readonly clock: RealTimeClock;
  abstract readonly battery: Battery;
  protected readonly log: RecordLog;
  protected activatedAt = 0;
  private ticketHeld: HeldTicket | undefined;
  private blockList: { bytes: Uint8Array; version: number } | undefined;
  private keySet: { bytes: Uint8Array; version: number } | undefined;
  private issuerRing: KeyRing | undefined;
  private carried: RecordBatch[] = [];

  protected constructor(protected readonly config: CredentialHolderConfig) {
    this.deviceId = config.deviceId;
    this.clock = new RealTimeClock(config.world, config.clockDriftPpm);
    this.log = new RecordLog(config.deviceId, config.keyPair.privateKey, config.recordCapacity ?? 1000);
    this.issuerRing = config.issuerKeys;
  }

  get issuerKeySetVersion(): number {
    return this.keySet?.version ?? 0;
  }

  get ticket(): HeldTicket | undefined {
    return this.ticketHeld;
  }

  get activationTime(): number {
    return this.activatedAt;
  }

  get blockListVersion(): number {
    return this.blockList?.version ?? 0;
  }

  /** Whether the holder counts as activated now, by its own clock and its ticket's shift length. */
  get isActivated(): boolean {
    const ticket = this.ticketHeld;
    if (!ticket || this.activatedAt === 0) return false;
    const now = this.clock.now();
    return now - this.activatedAt <= ticket.shiftSeconds && now < ticket.expiresAt;
  }

  /**
   * Installs credentials from the issuer (via activation box, sync station or login). Verifies the
   * issuer signatures first (a rogue box, station or lock must not plant a ticket or list with a
   * huge sequence or version); must refuse a ticket for another key or another public key, and
   * must never replace a ticket with an older sequence or a block list with an older version.
   */
  async installCredentials(credentials: IssuedCredentials): Promise<void> {
    if (credentials.issuerKeySet) {
      if (!this.issuerRing) {
        // Enrolment by first contact with the issuer gateway (see CredentialHolderConfig).
        this.issuerRing = await keyRingFromSet(parseIssuerKeySet(credentials.issuerKeySet).set);
      }
      await this.takeIssuerKeySet(credentials.issuerKeySet);
    }
    const ring = this.ring();
    this.battery.drain('verify');
    const claims = await verifyTicket(credentials.ticket, ring);
    const own = await exportPublicCoordinates(this.config.keyPair.publicKey);
    if (
      !equalBytes(claims.keyId, this.deviceId) ||
      !equalBytes(claims.cnf.x, own.x) ||
      !equalBytes(claims.cnf.y, own.y)
    ) {
      throw new Error('ticket is not bound to this key');
    }
    if (!this.ticketHeld || claims.sequence > this.ticketHeld.sequence) {
      this.ticketHeld = {
        bytes: credentials.ticket,
        sequence: claims.sequence,
        expiresAt: claims.expiresAt,
        shiftSeconds: claims.shiftSeconds,
      };
      await this.record({ kind: 'ticket-installed', result: 'ok', reason: 'none' });
    }
    await this.takeBlockList(credentials.blockList);
  }

  private ring(): KeyRing {
    if (!this.issuerRing) throw new Error('no issuer key ring: enrol the key with issuerKeys');
    return this.issuerRing;
  }

  /**
   * Keeps a signed block list if it is newer than the one carried and verifies under the issuer
   * keys (only then: checking costs the key a verification). Returns whether it was taken; a
   * forged or malformed list is refused, never thrown.
   */
  async takeBlockList(bytes: Uint8Array): Promise<boolean> {
    try {
      if (parseBlockList(bytes).list.version <= this.blockListVersion) return false;
      this.battery.drain('verify');
      const list = await verifyBlockList(bytes, this.ring());
      this.blockList = { bytes, version: list.version };
      return true;
    } catch (error) {
      if (isProtocolError(error)) return false;
      throw error;
    }
  }

  /**
   * Keeps a signed issuer key set if it is newer and signed by a key the holder trusts now; the
   * set then replaces the holder's ring. Returns whether it was taken.
   */
  async takeIssuerKeySet(bytes: Uint8Array): Promise<boolean> {
    try {
      const { set } = parseIssuerKeySet(bytes);
      if (set.version <= this.issuerKeySetVersion) return false;
      this.battery.drain('verify');
      const { ring } = await verifyIssuerKeySet(bytes, this.ring());
      this.issuerRing = ring;
      this.keySet = { bytes, version: set.version };
      return true;
    } catch (error) {
      if (isProtocolError(error)) return false;
      throw error;
    }
  }

  protected async signCredentialRequest(purpose: CredentialPurpose, time: number): Promise<Uint8Array> {
    this.battery.drain('sign');
    return signCredentialRequest(
      { keyId: this.deviceId, nonce: randomBytes(16), time, purpose },
      this.config.keyPair.privateKey,
    );
  }

  /** Signs a sync request for the sync station. */
  async createSyncRequest(): Promise<Uint8Array> {
    return this.signCredentialRequest('sync', this.clock.now());
  }

  /**
   * Answers a lock's challenge with [ticket, signed response]. The holder always answers, even
   * when not activated (activation time 0), so that the lock records the attempt and its reason.
   * Returns undefined only when it has no ticket or no battery.
   */
  async respond(challengeBytes: Uint8Array): Promise<Uint8Array | undefined> {
    if (!this.ticketHeld || this.battery.isEmpty) return undefined;
    const challenge = decodeChallenge(challengeBytes);
    this.battery.drain('sign');
    const response = await signKeyResponse(
      { nonce: challenge.nonce, lock: challenge.lock, activatedAt: this.activatedAt },
      { privateKey: this.config.keyPair.privateKey, keyId: this.deviceId },
    );
    return encodePresentation({ ticket: this.ticketHeld.bytes, response });
  }

  /**
   * The whole exchange at a door, as the key's firmware runs it: challenge, response, decision,
   * then block lists both ways (newer wins) and the lock's records carried back. `lock` is a
   * simulated lock (linked in process) or a link to one (WebSocket, Web Bluetooth). A link that
   * fails before the decision throws its `LockLinkError`; once the lock has decided, a failure in
   * the exchange after it is swallowed and the decision returned (the door did open or refuse).
   */
  async openLock(lock: LockOrLink): Promise<HolderOpenResult> {
    const link = toLockLink(lock);
    return this.openWithChallenge(link, await link.issueChallenge());
  }

  protected async openWithChallenge(link: LockLink, challengeBytes: Uint8Array): Promise<HolderOpenResult> {
    const challenge = decodeChallenge(challengeBytes);
    // A lock that has not yet heard of a rotated issuer key gets the newer key set first, or it
    // could not verify a ticket signed by the new key (the set itself is signed by a key it trusts).
    const lockKeySetVersion = challenge.issuerKeySetVersion ?? 0;
    if (this.keySet && this.keySet.version > lockKeySetVersion)
      await link.acceptIssuerKeySet(this.keySet.bytes);
    const presentation = await this.respond(challengeBytes);
    if (!presentation) return { isOpen: false, reason: this.battery.isEmpty ? 'battery-empty' : 'no-ticket' };
    const result = await link.open(presentation);
    try {
      await this.exchangeWith(
        link,
        challenge.blockListVersion,
        Math.max(lockKeySetVersion, this.keySet?.version ?? 0),
      );
    } catch (error) {
      // The radio dropped after the decision: lists travel at the next door, records stay on the
      // lock (its ring buffer) for the next key or a maintenance read.
      if (!isLockLinkError(error)) throw error;
    }
    return result;
  }

  private async exchangeWith(link: LockLink, lockVersion: number, lockKeySetVersion: number): Promise<void> {
    // Issuer keys before block lists: a list signed by a new issuer key needs the new set.
    if (this.keySet && this.keySet.version > lockKeySetVersion)
      await link.acceptIssuerKeySet(this.keySet.bytes);
    const offeredKeys = await link.offerIssuerKeySet();
    if (offeredKeys && this.issuerRing) await this.takeIssuerKeySet(offeredKeys);
    if (this.blockList && this.blockList.version > lockVersion)
      await link.acceptBlockList(this.blockList.bytes);
    const offered = await link.offerBlockList();
    if (offered && this.issuerRing) await this.takeBlockList(offered);
    // Records last, so they include the updates above. The lock hands them over only within the
    // session of a successful opening; otherwise there is nothing to carry.
    const batch = await link.handOverRecords();
    if (batch && batch.records.length > 0) this.carried.push(batch);
  }

  /** Lock records carried since the last hand-over; taking them empties the store. */
  takeCarriedRecords(): RecordBatch[] {
    const batches = this.carried;
    this.carried = [];
    return batches;
  }

  /** Returns carried records that an upload did not confirm, so they are not lost. */
  restoreCarriedRecords(batches: RecordBatch[]): void {
    this.carried = [...batches, ...this.carried];
  }

  get carriedRecordCount(): number {
    return this.carried.reduce((n, b) => n + b.records.length, 0);
  }

  /** The holder's own records not yet handed over, with a signed chain head; confirm after upload. */
  async exportOwnRecords(): Promise<{ batch: RecordBatch; upTo: number }> {
    this.battery.drain('sign');
    const upTo = this.log.sequence;
    return { batch: await this.log.exportBatch(this.clock.now()), upTo };
  }

  /** Marks own records up to `upTo` as delivered to the issuer. */
  confirmOwnRecords(upTo: number): void {
    this.log.confirmHandedOver(upTo);
  }

  /** Continues the enrolment's chain after the records stored under its earlier key (RecordLog.continueChain). */
  continueChainAfter(start: ChainStart): void {
    this.log.continueChain(start);
  }

  /** The holder's state as plain data (see HolderState). */
  saveState(): HolderState {
    return {
      activatedAt: this.activatedAt,
      ticket: this.ticketHeld,
      blockList: this.blockList,
      keySet: this.keySet,
      carried: [...this.carried],
      log: this.log.saveState(),
    };
  }

  /**
   * Continues from a saved state. The key set is verified again under the enrolment ring before
   * it replaces that ring, so a tampered store cannot plant issuer keys.
   */
  async restoreState(state: HolderState): Promise<void> {
    this.activatedAt = state.activatedAt;
    this.ticketHeld = state.ticket;
    this.blockList = state.blockList;
    this.carried = [...state.carried];
    this.log.restoreState(state.log);
    if (state.keySet) await this.takeIssuerKeySet(state.keySet.bytes);
  }

  /** Forgets ticket, activation and block list (a phone told it is blocked erases them). */
  dropCredentials(): void {
    this.activatedAt = 0;
    this.ticketHeld = undefined;
    this.blockList = undefined;
  }

  protected async record(fields: Omit<RecordFields, 'time' | 'battery'>): Promise<void> {
    await this.log.append({ ...fields, time: this.clock.now(), battery: this.battery.percent });
  }
}
