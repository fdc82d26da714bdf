// A lock as firmware would run it: offline, single challenge outstanding, every attempt recorded.
// The order of checks is cheap-first (framing, challenge, lock number, validity period) so that
// garbage costs no signature verification, but nothing the lock acts on (sequence high-water
// marks, block lists, clock correction) is taken from a ticket before its signature verified.
import type { KeyRing, Reason, RecordBatch, TicketClaims } from '@portvakt/protocol';
import {
  bytesToHex,
  decodePresentation,
  encodeChallenge,
  equalBytes,
  findLockGrant,
  importPublicCoordinates,
  isProtocolError,
  isWithinWindows,
  nonceBytes,
  parseBlockList,
  parseKeyResponse,
  parseTicket,
  randomBytes,
  verifyCoseSignature,
} from '@portvakt/protocol';
import type { CoseSign1 } from '@portvakt/protocol';
import { Battery, lockBatteryCosts } from './battery';
import type { WorldClock } from './clock';
import { RealTimeClock } from './clock';
import { RecordLog } from './record-log';

export interface LockConfig {
  deviceId: Uint8Array;
  /** The compact number tickets use for this lock, assigned by the municipality at enrolment. */
  lockNumber: number;
  /** Municipality id; tickets from another issuer string are refused. */
  issuer: string;
  issuerKeys: KeyRing;
  /** The lock's own key pair (kept in its secure element; signs chain heads). */
  keyPair: CryptoKeyPair;
  world: WorldClock;
  clockDriftPpm?: number;
  clockOffsetSeconds?: number;
  /** How long a challenge may be answered. Short, to narrow the window for relaying. */
  challengeLifetimeSeconds?: number;
  /** Allowed disagreement with the issuer's clock for not-before, and for detecting a clock set back. */
  clockToleranceSeconds?: number;
  recordCapacity?: number;
  /** How many keys' highest ticket sequence the lock remembers (oldest forgotten first). */
  trackedKeys?: number;
  /** How many verified tickets the lock keeps to skip re-verifying the issuer signature. */
  ticketCacheSize?: number;
  batteryCapacity?: number;
}

export type OpenResult = { isOpen: true } | { isOpen: false; reason: Reason };

interface VerifiedTicket {
  bytes: Uint8Array;
  claims: TicketClaims;
  cnfKey: CryptoKey;
}

interface PendingChallenge {
  nonce: Uint8Array;
  issuedAt: number;
}

const batteryLowPercent = 10;

export class Lock {
  readonly deviceId: Uint8Array;
  readonly lockNumber: number;
  readonly clock: RealTimeClock;
  readonly battery: Battery;
  private readonly log: RecordLog;
  private pending: PendingChallenge | undefined;
  private readonly ticketCache = new Map<string, VerifiedTicket>();
  private readonly highestSequence = new Map<string, number>();
  private blockedKeys = new Set<string>();
  private blockListVersionHeld = 0;
  private blockListBytes: Uint8Array | undefined;
  /** The lock's clock may not run behind this: last record time or the newest verified ticket's iat. */
  private timeFloor = 0;
  private verifications = 0;
  private hasWarnedBatteryLow = false;
  private lastOfferedVersion = -1;

  constructor(private readonly config: LockConfig) {
    this.deviceId = config.deviceId;
    this.lockNumber = config.lockNumber;
    this.clock = new RealTimeClock(config.world, config.clockDriftPpm, config.clockOffsetSeconds);
    this.battery = new Battery(config.batteryCapacity ?? 400_000, lockBatteryCosts);
    this.log = new RecordLog(config.deviceId, config.keyPair.privateKey, config.recordCapacity ?? 2000);
  }

  /** Signature verifications performed so far; tests assert ≤ 2 per opening, 1 with a cached ticket. */
  get verificationCount(): number {
    return this.verifications;
  }

  get blockListVersion(): number {
    return this.blockListVersionHeld;
  }

  /** Encoded records still in the ring buffer, oldest first (for inspection). */
  get records(): Uint8Array[] {
    return this.log.heldRecords;
  }

  get recordSequence(): number {
    return this.log.sequence;
  }

  /** Starts an opening: a fresh nonce replaces any earlier one, so only the latest can be answered. */
  issueChallenge(): Uint8Array {
    this.battery.drain('challenge');
    const nonce = randomBytes(nonceBytes);
    this.pending = { nonce, issuedAt: this.clock.now() };
    return encodeChallenge({
      lock: this.lockNumber,
      nonce,
      time: this.clock.now(),
      blockListVersion: this.blockListVersionHeld,
    });
  }

  /**
   * Decides an opening from a presentation ([ticket, response]). Never throws for bad input:
   * every refusal is returned and recorded with its reason.
   */
  async open(presentationBytes: Uint8Array): Promise<OpenResult> {
    const context: { claims?: TicketClaims } = {};
    let reason: Reason | undefined;
    try {
      reason = await this.decide(presentationBytes, context);
    } catch (error) {
      if (!isProtocolError(error)) throw error;
      reason = 'malformed';
    }
    if (reason === undefined) this.battery.drain('motor');
    const claims = context.claims;
    await this.record({
      kind: 'open-attempt',
      result: reason === undefined ? 'ok' : 'denied',
      reason: reason ?? 'none',
      ...(claims ? { keyId: claims.keyId, staff: claims.staff } : {}),
    });
    return reason === undefined ? { isOpen: true } : { isOpen: false, reason };
  }

  private async decide(
    presentationBytes: Uint8Array,
    context: { claims?: TicketClaims },
  ): Promise<Reason | undefined> {
    if (this.battery.isEmpty) return 'battery-empty';
    let now = this.clock.now();
    const tolerance = this.config.clockToleranceSeconds ?? 120;
    const pending = this.pending;
    // One answer per challenge, whatever the outcome.
    this.pending = undefined;

    const presentation = decodePresentation(presentationBytes);
    // A ticket verified before skips parsing as well as the issuer signature check.
    const cached = this.findCachedTicket(presentation.ticket);
    const parsed = cached ? undefined : parseTicket(presentation.ticket);
    const { sign1: responseSign1, response } = parseKeyResponse(presentation.response);
    const claims = cached?.claims ?? parsed!.claims;
    context.claims = claims;

    if (!pending || !equalBytes(pending.nonce, response.nonce)) return 'stale-challenge';
    if (now - pending.issuedAt > (this.config.challengeLifetimeSeconds ?? 30)) return 'stale-challenge';
    if (response.lock !== this.lockNumber) return 'wrong-lock';
    if (claims.issuer !== this.config.issuer) return 'wrong-issuer';
    const grant = findLockGrant(claims, this.lockNumber);
    if (!grant) return 'wrong-lock';
    const isClockSuspect = now + tolerance < this.timeFloor;
    if (!isClockSuspect) {
      // A cheap refusal before any signature work; repeated below with the corrected clock.
      // (Not-before waits for the correction: a slow lock clock must not refuse a fresh ticket.)
      if (now >= claims.expiresAt) return 'expired';
    }

    const verified = cached ?? (await this.verifyTicket(presentation.ticket, parsed!.sign1, claims));
    if (typeof verified === 'string') return verified;
    if (!equalBytes(response.keyId, claims.keyId)) return 'key-mismatch';
    if (!(await this.verify(responseSign1, verified.cnfKey))) return 'bad-key-signature';

    // From here the ticket is the issuer's and the key holds its cnf key.
    await this.learnFromTicket(claims);
    now = this.clock.now();
    // A clock behind what the lock has already seen was set back (or failed): refuse rather than
    // let an expired ticket through. A fresh ticket's iat pulls the clock forward and heals it.
    if (now + tolerance < this.timeFloor) return 'clock-rollback';
    if (now >= claims.expiresAt) return 'expired';
    if (now + tolerance < claims.notBefore) return 'not-yet-valid';
    const keyHex = bytesToHex(claims.keyId);
    if (this.blockedKeys.has(keyHex)) return 'key-blocked';
    const highest = this.highestSequence.get(keyHex) ?? 0;
    if (claims.sequence < highest) return 'ticket-rollback';
    this.rememberSequence(keyHex, claims.sequence);
    if (response.activatedAt === 0) return 'not-activated';
    if (response.activatedAt > now + tolerance) return 'not-activated';
    if (now - response.activatedAt > claims.shiftSeconds) return 'activation-expired';
    if (!isWithinWindows(grant, now)) return 'outside-time-window';
    return undefined;
  }

  private async verify(sign1: CoseSign1, key: CryptoKey): Promise<boolean> {
    this.verifications++;
    this.battery.drain('verify');
    return verifyCoseSignature(sign1, key);
  }

  /**
   * The last 64 bytes of a canonical COSE_Sign1 are its signature, so they key the cache without
   * parsing; full byte equality then rules out a lookalike.
   */
  private findCachedTicket(bytes: Uint8Array): VerifiedTicket | undefined {
    if (bytes.length < 64) return undefined;
    const cacheKey = bytesToHex(bytes.subarray(bytes.length - 64));
    const cached = this.ticketCache.get(cacheKey);
    if (!cached || !equalBytes(cached.bytes, bytes)) return undefined;
    this.ticketCache.delete(cacheKey);
    this.ticketCache.set(cacheKey, cached);
    return cached;
  }

  private async verifyTicket(
    bytes: Uint8Array,
    sign1: CoseSign1,
    claims: TicketClaims,
  ): Promise<VerifiedTicket | Reason> {
    const cacheKey = bytesToHex(sign1.signature);
    const issuerKey = this.config.issuerKeys.find(sign1.kid);
    if (!issuerKey) return 'unknown-issuer-kid';
    if (!(await this.verify(sign1, issuerKey))) return 'bad-issuer-signature';
    let cnfKey: CryptoKey;
    try {
      cnfKey = await importPublicCoordinates(claims.cnf);
    } catch {
      return 'malformed';
    }
    const entry = { bytes, claims, cnfKey };
    this.ticketCache.set(cacheKey, entry);
    if (this.ticketCache.size > (this.config.ticketCacheSize ?? 32)) {
      this.ticketCache.delete(this.ticketCache.keys().next().value!);
    }
    return entry;
  }

  private rememberSequence(keyHex: string, sequence: number): void {
    this.highestSequence.delete(keyHex);
    this.highestSequence.set(keyHex, sequence);
    if (this.highestSequence.size > (this.config.trackedKeys ?? 4096)) {
      this.highestSequence.delete(this.highestSequence.keys().next().value!);
    }
  }

  private async learnFromTicket(claims: TicketClaims): Promise<void> {
    if (claims.blockListVersion > this.blockListVersionHeld) {
      this.installBlockList(claims.blockListVersion, claims.blockedKeys, undefined);
      await this.record({ kind: 'block-list-updated', result: 'ok', reason: 'none' });
    }
    // The issuer signed iat, so real time is at least that: a slow clock is pulled forward.
    if (claims.issuedAt > this.clock.now()) {
      this.clock.set(claims.issuedAt);
      await this.record({ kind: 'clock-corrected', result: 'ok', reason: 'none' });
    }
    this.timeFloor = Math.max(this.timeFloor, claims.issuedAt);
  }

  private installBlockList(version: number, keys: Uint8Array[], signed: Uint8Array | undefined): void {
    this.blockListVersionHeld = version;
    this.blockedKeys = new Set(keys.map(bytesToHex));
    this.blockListBytes = signed;
  }

  /**
   * Takes a signed block list handed on by a key. Must verify it and accept only a strictly newer
   * version; an older or equal one is refused (and recorded) so the list can never roll back.
   */
  async acceptBlockList(
    bytes: Uint8Array,
  ): Promise<{ isAccepted: true } | { isAccepted: false; reason: Reason }> {
    let reason: Reason | undefined;
    this.lastOfferedVersion = -1;
    try {
      const { sign1, list } = parseBlockList(bytes);
      const issuerKey = this.config.issuerKeys.find(sign1.kid);
      this.lastOfferedVersion = list.version;
      if (list.issuer !== this.config.issuer) reason = 'wrong-issuer';
      else if (list.version <= this.blockListVersionHeld) reason = 'block-list-rollback';
      else if (!issuerKey) reason = 'unknown-issuer-kid';
      else if (!(await this.verify(sign1, issuerKey))) reason = 'bad-issuer-signature';
      else this.installBlockList(list.version, list.blockedKeys, bytes);
    } catch (error) {
      if (!isProtocolError(error)) throw error;
      reason = 'malformed';
    }
    if (reason === 'block-list-rollback' && this.lastOfferedVersion === this.blockListVersionHeld) {
      return { isAccepted: false, reason }; // the version it already has: nothing to record
    }
    await this.record({
      kind: reason ? 'block-list-refused' : 'block-list-updated',
      result: reason ? 'denied' : 'ok',
      reason: reason ?? 'none',
    });
    return reason ? { isAccepted: false, reason } : { isAccepted: true };
  }

  /** The signed block list this lock holds, if it received one as such, to hand on to keys. */
  offerBlockList(): Uint8Array | undefined {
    return this.blockListBytes;
  }

  /** Hands over the records not yet handed over, with a signed chain head (lock → key → server). */
  async handOverRecords(): Promise<RecordBatch> {
    this.battery.drain('sign');
    const batch = await this.log.exportBatch(this.clock.now());
    // The key takes custody; the lock keeps the records in its ring buffer for a later re-read.
    this.log.confirmHandedOver(this.log.sequence);
    return batch;
  }

  /** Returns records after `afterSequence` still held, e.g. when the server asks to fill a gap. */
  async exportRecords(afterSequence: number): Promise<RecordBatch> {
    this.battery.drain('sign');
    return this.log.exportBatch(this.clock.now(), afterSequence);
  }

  replaceBattery(): void {
    this.battery.replace();
    this.hasWarnedBatteryLow = false;
  }

  private async record(fields: {
    kind: 'open-attempt' | 'block-list-updated' | 'block-list-refused' | 'clock-corrected' | 'battery-low';
    result: 'ok' | 'denied';
    reason: Reason;
    keyId?: Uint8Array;
    staff?: string;
  }): Promise<void> {
    this.battery.drain('hash');
    const time = this.clock.now();
    // A record's time is never before the previous one: a clock set back shows as a refusal, not
    // as a jump backwards in the chain.
    await this.log.append({
      ...fields,
      time: Math.max(time, 0),
      battery: this.battery.percent,
      lock: this.lockNumber,
    });
    this.timeFloor = Math.max(this.timeFloor, time);
    if (
      !this.hasWarnedBatteryLow &&
      this.battery.percent <= batteryLowPercent &&
      fields.kind !== 'battery-low'
    ) {
      this.hasWarnedBatteryLow = true;
      await this.record({ kind: 'battery-low', result: 'ok', reason: 'none' });
    }
  }
}
