// A lock as firmware would run it: offline, single challenge outstanding, every attempt recorded.
//
// Order of checks: what needs no identity and no signature first (framing, battery, challenge,
// the response's lock number, the issuer string), so garbage and stale answers cost no signature
// verification; then the two verifications (issuer signature on the ticket, skipped for a cached
// ticket, and the key's proof of possession); only then the identity-bearing rules (lock listed,
// validity, block list, rollback, activation, window). A refusal therefore names a key and staff
// member only when both signatures verified at this attempt (`verified` in the record); others
// are counted (lock-summaries.ts). No record no key has collected is overwritten; records go only
// to a key that has just opened this lock, in the same session. Nothing the lock acts on (sequence
// marks, block lists, clock correction, issuer keys) is taken from a message before it verified.
import type { CoseSign1, KeyRing, Reason, RecordBatch, TicketClaims } from '@portvakt/protocol';
import {
  bytesToHex,
  decodePresentation,
  encodeChallenge,
  equalBytes,
  findLockGrant,
  importPublicCoordinates,
  isProtocolError,
  isWithinWindows,
  keyRingFromSet,
  nonceBytes,
  parseBlockList,
  parseIssuerKeySet,
  parseKeyResponse,
  parseTicket,
  parseTimeAttestation,
  randomBytes,
  verifyCoseSignature,
} from '@portvakt/protocol';
import { Battery, lockBatteryCosts } from './battery';
import { RealTimeClock } from './clock';
import { RecordingDevice, RecordLog, type RecordFields } from './record-log';
import { BlockedKeys } from './lock-blocked-keys';
import type { AcceptResult, LockConfig, OpenResult, SignedUpdateRules, VersionedUpdate } from './lock-config';
export type { AcceptResult, LockConfig, OpenResult } from './lock-config';
import { PendingSummaries } from './lock-summaries';
import { SequenceMemory, TicketCache, type VerifiedTicket } from './lock-memory';

interface PendingChallenge {
  nonce: Uint8Array;
  issuedAt: number;
}

interface AttemptContext {
  /** Set once the ticket's issuer signature and the key's proof of possession both verified. */
  identity?: { keyId: Uint8Array; staff: string };
  /** The key id the ticket claims, before (or without) verification. */
  claimedKeyId?: Uint8Array;
}

const batteryLowPercent = 10;
/** Slots kept free for aggregate records, written at hand-over when the log is otherwise full
 * (one per kind and reason, one for dropped events; at most a quarter of a small log). */
export const lockSummaryReserve = 24;

export class Lock extends RecordingDevice {
  readonly deviceId: Uint8Array;
  readonly lockNumber: number;
  readonly clock: RealTimeClock;
  readonly battery: Battery;
  private pending: PendingChallenge | undefined;
  private readonly ticketCache: TicketCache;
  private readonly highestSequence: SequenceMemory;
  private readonly blocked = new BlockedKeys();
  private blockListVersionHeld = 0;
  private blockListBytes: Uint8Array | undefined;
  private issuerRing: KeyRing;
  private issuerKeySetVersionHeld = 0;
  private issuerKeySetBytes: Uint8Array | undefined;
  /** Newest time the lock has written into a record (its own clock). */
  private recordFloor = 0;
  /** Newest issuer-signed time seen: verified ticket iat or time attestation. */
  private signedTime = 0;
  private verifications = 0;
  private hasWarnedBatteryLow = false;
  /** A key that has just opened this lock may collect records until the next challenge. */
  private session: { keyHex: string; until: number } | undefined;
  private readonly summaries = new PendingSummaries();

  constructor(private readonly config: LockConfig) {
    super(new RecordLog(config.deviceId, config.keyPair.privateKey, config.recordCapacity ?? 2000));
    this.deviceId = config.deviceId;
    this.ticketCache = new TicketCache(config.ticketCacheSize ?? 32);
    this.highestSequence = new SequenceMemory(config.trackedKeys ?? 4096);
    this.lockNumber = config.lockNumber;
    this.clock = new RealTimeClock(config.world, config.clockDriftPpm, config.clockOffsetSeconds);
    this.battery = new Battery(config.batteryCapacity ?? 400_000, lockBatteryCosts);
    this.issuerRing = config.issuerKeys;
    if (config.issuerKeySet) {
      this.issuerKeySetVersionHeld = parseIssuerKeySet(config.issuerKeySet).set.version;
      this.issuerKeySetBytes = config.issuerKeySet;
    }
  }

  /** Signature verifications performed so far; tests assert ≤ 2 per opening, 1 with a cached ticket. */
  get verificationCount(): number {
    return this.verifications;
  }

  get blockListVersion(): number {
    return this.blockListVersionHeld;
  }

  /** Keys on the lock's block list now (after its own pruning). */
  get blockedKeyCount(): number {
    return this.blocked.size;
  }

  get issuerKeySetVersion(): number {
    return this.issuerKeySetVersionHeld;
  }

  /** The issuer keys the lock trusts now. */
  get issuerKeys(): KeyRing {
    return this.issuerRing;
  }

  /** The time the lock's clock may not run behind (by more than its tolerance). */
  get timeFloor(): number {
    return Math.max(this.recordFloor, this.signedTime);
  }

  /** Starts an opening: a fresh nonce replaces any earlier one, so only the latest can be answered. */
  issueChallenge(): Uint8Array {
    this.battery.drain('challenge');
    this.session = undefined;
    const nonce = randomBytes(nonceBytes);
    this.pending = { nonce, issuedAt: this.clock.now() };
    return encodeChallenge({
      lock: this.lockNumber,
      nonce,
      time: this.clock.now(),
      blockListVersion: this.blockListVersionHeld,
      issuerKeySetVersion: this.issuerKeySetVersionHeld,
    });
  }

  /**
   * Decides an opening from a presentation ([ticket, response]). Never throws for bad input:
   * every refusal is returned; verified ones are recorded one by one with the key and staff,
   * unverified ones are counted in an aggregate record.
   */
  async open(presentationBytes: Uint8Array): Promise<OpenResult> {
    this.session = undefined;
    const context: AttemptContext = {};
    let reason: Reason | undefined;
    try {
      reason = await this.decide(presentationBytes, context);
    } catch (error) {
      if (!isProtocolError(error)) throw error;
      reason = 'malformed';
    }
    const identity = context.identity;
    if (reason === undefined) {
      this.battery.drain('motor');
      this.session = {
        keyHex: bytesToHex(identity!.keyId),
        until: this.clock.now() + (this.config.challengeLifetimeSeconds ?? 30),
      };
    }
    if (identity) {
      await this.record({
        kind: 'open-attempt',
        result: reason === undefined ? 'ok' : 'denied',
        reason: reason ?? 'none',
        keyId: identity.keyId,
        staff: identity.staff,
        verified: true,
      });
    } else {
      this.summaries.countUnverified('open-attempt', reason!, this.clock.now(), context.claimedKeyId);
    }
    return reason === undefined ? { isOpen: true } : { isOpen: false, reason };
  }

  private async decide(presentationBytes: Uint8Array, context: AttemptContext): Promise<Reason | undefined> {
    if (this.battery.isEmpty) return 'battery-empty';
    const tolerance = this.config.clockToleranceSeconds ?? 120;
    const pending = this.pending;
    // One answer per challenge, whatever the outcome.
    this.pending = undefined;

    // 1. Framing and parsing; a ticket verified before skips parsing as well as its signature check.
    const presentation = decodePresentation(presentationBytes);
    const cached = this.ticketCache.find(presentation.ticket);
    const parsed = cached ? undefined : parseTicket(presentation.ticket);
    const { sign1: responseSign1, response } = parseKeyResponse(presentation.response);
    const claims = cached?.claims ?? parsed!.claims;
    context.claimedKeyId = claims.keyId;

    // 2. Cheap checks that need no identity: recorded (aggregated) without one.
    if (!pending || !equalBytes(pending.nonce, response.nonce)) return 'stale-challenge';
    if (this.clock.now() - pending.issuedAt > (this.config.challengeLifetimeSeconds ?? 30))
      return 'stale-challenge';
    if (response.lock !== this.lockNumber) return 'wrong-lock';
    if (claims.issuer !== this.config.issuer) return 'wrong-issuer';

    // 3. The two verifications: issuer signature (verify #1, skipped if cached), possession (#2).
    const verified = cached ?? (await this.verifyTicket(presentation.ticket, parsed!.sign1, claims));
    if (typeof verified === 'string') return verified;
    if (!equalBytes(response.keyId, claims.keyId)) return 'key-mismatch';
    if (!(await this.verify(responseSign1, verified.cnfKey))) return 'bad-key-signature';
    context.identity = { keyId: claims.keyId, staff: claims.staff };

    // 4. From here the ticket is the issuer's and the key holds its cnf key: every refusal below
    // is recorded with a verified identity.
    await this.learnFromTicket(claims);
    const now = this.clock.now();
    // A clock behind what the lock has already seen was set back (or failed): refuse rather than
    // let an expired ticket through. A fresh ticket's iat pulls the clock forward and heals it.
    if (now + tolerance < this.timeFloor) return 'clock-rollback';
    const grant = findLockGrant(claims, this.lockNumber);
    if (!grant) return 'wrong-lock';
    if (now >= claims.expiresAt) return 'expired';
    if (now + tolerance < claims.notBefore) return 'not-yet-valid';
    const keyHex = bytesToHex(claims.keyId);
    if (this.blocked.has(keyHex)) return 'key-blocked';
    const highest = this.highestSequence.highestOf(keyHex);
    if (claims.sequence < highest) return 'ticket-rollback';
    this.highestSequence.remember(keyHex, claims.sequence);
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

  /** Verifies an issuer signature under the ring the lock trusts now; returns why not, if not. */
  private async checkIssuerSignature(sign1: CoseSign1): Promise<Reason | undefined> {
    const issuerKey = this.issuerRing.find(sign1.kid);
    if (!issuerKey) return 'unknown-issuer-kid';
    if (!(await this.verify(sign1, issuerKey))) return 'bad-issuer-signature';
    return undefined;
  }

  private async verifyTicket(
    bytes: Uint8Array,
    sign1: CoseSign1,
    claims: TicketClaims,
  ): Promise<VerifiedTicket | Reason> {
    const refusal = await this.checkIssuerSignature(sign1);
    if (refusal) return refusal;
    let cnfKey: CryptoKey;
    try {
      cnfKey = await importPublicCoordinates(claims.cnf);
    } catch {
      return 'malformed';
    }
    const entry = { bytes, claims, cnfKey };
    this.ticketCache.remember(sign1.signature, entry);
    return entry;
  }

  /**
   * Learns from a verified ticket: its block-list entries and the issuer's time.
   *
   * Block list: the ticket lists every key added in versions (since, version]. A lock holding a
   * version ≥ since is complete as of `version` afterwards and moves to it; a lock further behind
   * adds the entries (they are issuer-signed blocks) but keeps its version, so the next key with a
   * newer signed list hands it over.
   */
  private async learnFromTicket(claims: TicketClaims): Promise<void> {
    let isChanged = false;
    if (claims.blockListVersion > this.blockListVersionHeld) {
      isChanged = this.blocked.add(claims.blockedKeys, claims.issuedAt, claims.blockListVersion);
      if ((claims.blockListSince ?? 0) <= this.blockListVersionHeld) {
        this.blockListVersionHeld = claims.blockListVersion;
        this.blockListBytes = undefined;
        isChanged = true;
      }
    }
    this.signedTime = Math.max(this.signedTime, claims.issuedAt);
    this.blocked.prune(this.signedTime);
    if (isChanged) await this.record({ kind: 'block-list-updated', result: 'ok', reason: 'none' });
    // The issuer signed iat, so real time is at least that: a slow clock is pulled forward.
    if (claims.issuedAt > this.clock.now()) {
      this.clock.set(claims.issuedAt);
      await this.record({ kind: 'clock-corrected', result: 'ok', reason: 'none' });
    }
  }

  /** Takes a signed block list handed on by a key (rules: acceptSignedUpdate). */
  async acceptBlockList(bytes: Uint8Array): Promise<AcceptResult> {
    return this.acceptSignedUpdate(bytes, {
      parse: parseBlockList,
      select: (parsed) => parsed.list,
      heldVersion: this.blockListVersionHeld,
      rollback: 'block-list-rollback',
      kinds: { accepted: 'block-list-updated', refused: 'block-list-refused' },
      install: (list) => {
        // A complete list replaces what the lock had as of its version (pruned entries drop out);
        // entries learned from tickets of newer versions than the list stay.
        this.blocked.forgetUpTo(list.version);
        this.blocked.add(list.blockedKeys, list.issuedAt, list.version);
        this.blockListVersionHeld = list.version;
        this.blockListBytes = bytes;
        this.signedTime = Math.max(this.signedTime, list.issuedAt);
        this.blocked.prune(this.signedTime);
      },
    });
  }

  /** The signed block list this lock holds, if it received one as such, to hand on to keys. */
  offerBlockList(): Uint8Array | undefined {
    return this.blockListBytes;
  }

  /** Takes a signed issuer key set handed on by a key (rules: acceptSignedUpdate). */
  async acceptIssuerKeySet(bytes: Uint8Array): Promise<AcceptResult> {
    return this.acceptSignedUpdate(bytes, {
      parse: parseIssuerKeySet,
      select: (parsed) => parsed.set,
      heldVersion: this.issuerKeySetVersionHeld,
      rollback: 'issuer-keys-rollback',
      kinds: { accepted: 'issuer-keys-updated', refused: 'issuer-keys-refused' },
      install: async (set) => {
        // The set replaces the ring, so a key stays trusted until a newer set leaves it out.
        this.issuerRing = await keyRingFromSet(set);
        this.issuerKeySetVersionHeld = set.version;
        this.issuerKeySetBytes = bytes;
        this.ticketCache.clear();
      },
    });
  }

  /**
   * Accepts a versioned update signed by the issuer (block list, issuer key set): same issuer,
   * strictly newer than the version held, signed by a key the lock trusts now (one verification).
   * A refusal is counted (aggregate record, like every unverified refusal), except the version the
   * lock already holds, which keys hand on again and again: that is ignored without a record.
   */
  private async acceptSignedUpdate<P extends { sign1: CoseSign1 }, T extends VersionedUpdate>(
    bytes: Uint8Array,
    rules: SignedUpdateRules<P, T>,
  ): Promise<AcceptResult> {
    let reason: Reason | undefined;
    let update: T | undefined;
    try {
      const parsed = rules.parse(bytes);
      update = rules.select(parsed);
      if (update.issuer !== this.config.issuer) reason = 'wrong-issuer';
      else if (update.version <= rules.heldVersion) reason = rules.rollback;
      else reason = await this.checkIssuerSignature(parsed.sign1);
      if (!reason) await rules.install(update);
    } catch (error) {
      if (!isProtocolError(error)) throw error;
      reason = 'malformed';
    }
    if (!reason) {
      await this.record({ kind: rules.kinds.accepted, result: 'ok', reason: 'none' });
      return { isAccepted: true };
    }
    if (!(reason === rules.rollback && update?.version === rules.heldVersion))
      this.summaries.countUnverified(rules.kinds.refused, reason, this.clock.now());
    return { isAccepted: false, reason };
  }

  /** The signed issuer key set this lock holds, if any, to hand on to keys. */
  offerIssuerKeySet(): Uint8Array | undefined {
    return this.issuerKeySetBytes;
  }

  /**
   * Takes the issuer's signed time for the outstanding challenge (fetched by an online phone).
   * The only way the lock's clock and time floor move backwards: bound to the lock's fresh nonce,
   * an attestation cannot be replayed, so a clock set forward (which would otherwise refuse every
   * ticket as expired, and raise the floor for good) is repaired without opening a door to
   * set-back attacks. One verification; consumes the challenge.
   */
  async acceptTimeAttestation(bytes: Uint8Array): Promise<AcceptResult> {
    const pending = this.pending;
    this.pending = undefined;
    let reason: Reason | undefined;
    let time = 0;
    try {
      const { sign1, attestation } = parseTimeAttestation(bytes);
      if (!pending || !equalBytes(pending.nonce, attestation.nonce)) reason = 'stale-challenge';
      else if (this.clock.now() - pending.issuedAt > (this.config.attestationLifetimeSeconds ?? 60))
        reason = 'stale-challenge';
      else if (attestation.lock !== this.lockNumber) reason = 'wrong-lock';
      else if (attestation.issuer !== this.config.issuer) reason = 'wrong-issuer';
      else reason = await this.checkIssuerSignature(sign1);
      if (!reason) time = attestation.time;
    } catch (error) {
      if (!isProtocolError(error)) throw error;
      reason = 'malformed';
    }
    if (reason) {
      this.summaries.countUnverified('clock-corrected', reason, this.clock.now());
      return { isAccepted: false, reason };
    }
    this.clock.set(time);
    this.recordFloor = time;
    this.signedTime = time;
    await this.record({ kind: 'clock-corrected', result: 'ok', reason: 'none' });
    return { isAccepted: true };
  }

  /**
   * Hands over the records not yet collected, with a signed chain head, to the key that has just
   * opened this lock (same session, before the next challenge and within the challenge lifetime).
   * Anyone else gets nothing. Pending aggregate records are written first so they travel too.
   */
  async handOverRecords(): Promise<RecordBatch | undefined> {
    const session = this.session;
    this.session = undefined;
    if (!session || this.clock.now() > session.until) return undefined;
    await this.flushSummaries();
    this.battery.drain('sign');
    const batch = await this.log.exportBatch(this.clock.now());
    // The key takes custody; the lock keeps the records in its ring buffer for a later re-read.
    this.log.confirmHandedOver(this.log.sequence);
    return batch;
  }

  /**
   * Maintenance read of records after `afterSequence` still held (e.g. when the server asks to
   * fill a gap). On a real lock this is the wired service interface under the installer's
   * credentials (R6), never the radio; it does not mark anything collected.
   */
  async exportRecords(afterSequence: number): Promise<RecordBatch> {
    this.battery.drain('sign');
    return this.log.exportBatch(this.clock.now(), afterSequence);
  }

  /**
   * Counts a message that never reached an operation because its lock-link frame could not be
   * read (garbage on the radio): a malformed attempt in the aggregate records, like a malformed
   * presentation. Nothing else changes: the outstanding challenge and the session stay as they were.
   */
  countUnreadableMessage(): void {
    this.summaries.countUnverified('open-attempt', 'malformed', this.clock.now());
  }

  replaceBattery(): void {
    this.battery.replace();
    this.hasWarnedBatteryLow = false;
  }

  /** Writes pending summaries into the log, keeping `reserve` slots free. */
  private async flushSummaries(reserve = 0): Promise<void> {
    await this.summaries.flush(
      () => this.log.canAppend(reserve),
      (fields) => this.append(fields),
    );
  }

  /** Records one verified event, after any pending summaries; counts it as dropped if no room. */
  private async record(
    fields: Pick<RecordFields, 'kind' | 'result' | 'reason' | 'keyId' | 'staff' | 'verified'>,
  ): Promise<void> {
    // While the log is full of uncollected records, summaries wait for the hand-over, which
    // writes them into the reserved slots just before the key collects everything.
    const reserve = Math.min(lockSummaryReserve, Math.floor((this.config.recordCapacity ?? 2000) / 4));
    await this.flushSummaries(reserve);
    if (!this.log.canAppend(reserve)) {
      this.summaries.countDropped(this.clock.now());
      return;
    }
    await this.append(fields);
    if (
      !this.hasWarnedBatteryLow &&
      this.battery.percent <= batteryLowPercent &&
      fields.kind !== 'battery-low'
    ) {
      this.hasWarnedBatteryLow = true;
      await this.record({ kind: 'battery-low', result: 'ok', reason: 'none' });
    }
  }

  private async append(
    fields: Omit<RecordFields, 'time' | 'battery' | 'lock' | 'blockListVersion'>,
  ): Promise<void> {
    this.battery.drain('hash');
    const time = this.clock.now();
    await this.log.append({
      ...fields,
      time,
      battery: this.battery.percent,
      lock: this.lockNumber,
      blockListVersion: this.blockListVersionHeld,
    });
    this.recordFloor = Math.max(this.recordFloor, time);
  }
}
