// An issuer living in the same process: what the server's device gateway will do, reduced to
// memory. Tests and demos use it until the server endpoints exist; it implements the same
// IssuerGateway the HTTP client will, including being unreachable on demand.
import type {
  BlockListHistoryEntry,
  ChainAnchor,
  DeviceKind,
  IssuerSigningKey,
  KeyRing,
  LockGrant,
  Reason,
  StoredRecordRef,
} from '@portvakt/protocol';
import {
  bytesToHex,
  createKeyRing,
  decodeChallenge,
  decodeRecordBatch,
  deriveIssuerKid,
  exportPublicCoordinates,
  findChainConflicts,
  fitTicketBlockList,
  generateSigningKeyPair,
  hashEventRecord,
  isProtocolError,
  maxTicketValiditySeconds,
  parseChainHead,
  parseCredentialRequest,
  signBlockList,
  signDeviceCertificate,
  signIssuerKeySet,
  signTicket,
  signTimeAttestation,
  sortKeyIds,
  verifyCredentialRequest,
  verifyRecordBatch,
} from '@portvakt/protocol';
import type { CredentialPurpose, EventRecord } from '@portvakt/protocol';
import type { WorldClock } from './clock';
import type {
  ActivationCall,
  IssuedCredentials,
  IssuerGateway,
  LoginCall,
  SyncCall,
  TimeAttestationCall,
  UploadReceipt,
} from './issuer-gateway';
import { IssuerRefusedError, IssuerUnreachableError } from './issuer-gateway';
import type { PinVerifier } from './pin';
import { createPinVerifier, isPinCorrect } from './pin';

export interface InProcessIssuerConfig {
  municipality: string;
  world: WorldClock;
  /** Offline validity of a ticket; at most five days (R1.4). */
  ticketValiditySeconds?: number;
  shiftSeconds?: number;
  /** Use a fixed issuer key (tests, vectors); otherwise a fresh one is generated. */
  signer?: IssuerSigningKey & { publicKey: CryptoKey };
  pinIterations?: number;
  /** How far a credential request's time may differ from the issuer's clock. */
  requestToleranceSeconds?: number;
}

interface EnrolledDevice {
  kind: DeviceKind;
  publicKey: CryptoKey;
  staff?: string;
  pinVerifier?: PinVerifier;
  account?: { username: string; password: string };
  grants: LockGrant[];
  ticketSequence: number;
  /** Latest expiry of any ticket issued to this key: its block-list entry is needed until then. */
  lastTicketExpiry: number;
}

interface StoredChain {
  anchor: ChainAnchor;
  records: Map<number, EventRecord>;
  refs: Map<number, StoredRecordRef>;
}

type IssuerKey = IssuerSigningKey & { publicKey: CryptoKey };

async function generateIssuerKey(): Promise<IssuerKey> {
  const pair = await generateSigningKeyPair();
  return {
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    kid: await deriveIssuerKid(pair.publicKey),
  };
}

export class InProcessIssuer implements IssuerGateway {
  isReachable = true;
  private readonly devices = new Map<string, EnrolledDevice>();
  /** Every key ever blocked: never issued a ticket again (blocking is permanent per key id). */
  private readonly blockedForever = new Set<string>();
  /** Entries on the published block list, with the version that added each. */
  private readonly listed = new Map<string, BlockListHistoryEntry>();
  private blockListVersion = 1;
  private blockListBytes: Uint8Array | undefined;
  private readonly seenNonces = new Set<string>();
  private readonly chains = new Map<string, StoredChain>();
  /** Issuer keys locks and keys should trust (signer first). */
  private trusted: IssuerKey[];
  private keySetVersion = 1;
  private keySetBytes: Uint8Array | undefined;
  /** Every gap or broken chain found in uploads, in order (server: an audit finding). */
  readonly findings: string[] = [];

  private constructor(
    private readonly config: InProcessIssuerConfig,
    private signerKey: IssuerKey,
  ) {
    this.trusted = [signerKey];
  }

  /** The key signing tickets, lists and key sets now. */
  get signer(): IssuerKey {
    return this.signerKey;
  }

  static async create(config: InProcessIssuerConfig): Promise<InProcessIssuer> {
    if ((config.ticketValiditySeconds ?? 0) > maxTicketValiditySeconds)
      throw new Error('ticket validity over 5 days');
    const issuer = new InProcessIssuer(config, config.signer ?? (await generateIssuerKey()));
    await issuer.publishBlockList();
    await issuer.publishKeySet();
    return issuer;
  }

  /** The key ring locks and keys are provisioned with at enrolment (the current key set). */
  get issuerKeys(): KeyRing {
    return createKeyRing(this.trusted.map((k) => [k.kid, k.publicKey] as const));
  }

  /** The signed issuer key set (version 1 at creation), for enrolment and for keys to carry. */
  get currentIssuerKeySet(): Uint8Array {
    return this.keySetBytes!;
  }

  get issuerKeySetVersion(): number {
    return this.keySetVersion;
  }

  private async publishKeySet(signer: IssuerKey = this.signerKey): Promise<void> {
    this.keySetBytes = await signIssuerKeySet(
      {
        issuer: this.config.municipality,
        version: this.keySetVersion,
        issuedAt: this.config.world.now(),
        keys: await Promise.all(
          this.trusted.map(async (k) => ({
            kid: k.kid,
            publicKey: await exportPublicCoordinates(k.publicKey),
          })),
        ),
      },
      signer,
    );
  }

  /**
   * Rotates the issuer key: a new key joins the set (a new version signed by the current key,
   * which stays trusted until retired). Keys carry the set to locks, which install it after the
   * opening in which they receive it; a lock that has not received it yet refuses tickets signed
   * by the new key as unknown-issuer-kid. So publish first (`activate: false`) and switch the
   * signing key (`activateIssuerKey`) once the set has spread, at least one ticket validity later.
   */
  async rotateIssuerKey(options: { newKey?: IssuerKey; activate?: boolean } = {}): Promise<IssuerKey> {
    const next = options.newKey ?? (await generateIssuerKey());
    this.trusted = [...this.trusted, next];
    this.keySetVersion++;
    await this.publishKeySet(this.signerKey);
    if (options.activate ?? true) await this.activateIssuerKey(next.kid);
    return next;
  }

  /** Makes a trusted key the signing key (after its key set has spread). */
  async activateIssuerKey(kid: Uint8Array): Promise<void> {
    const key = this.trusted.find((k) => bytesToHex(k.kid) === bytesToHex(kid));
    if (!key) throw new Error('not a trusted issuer key');
    this.signerKey = key;
    await this.publishBlockList();
  }

  /** Removes a key from the trusted set (a newer set without it, signed by the signing key). */
  async retireIssuerKey(kid: Uint8Array): Promise<void> {
    if (bytesToHex(kid) === bytesToHex(this.signerKey.kid)) throw new Error('cannot retire the signing key');
    this.trusted = this.trusted.filter((k) => bytesToHex(k.kid) !== bytesToHex(kid));
    this.keySetVersion++;
    await this.publishKeySet();
  }

  get municipality(): string {
    return this.config.municipality;
  }

  get currentBlockList(): Uint8Array {
    return this.blockListBytes!;
  }

  /** Enrols a lock (or box, station) and returns its certificate. */
  async enrolDevice(input: {
    deviceId: Uint8Array;
    kind: DeviceKind;
    publicKey: CryptoKey;
    lock?: number;
    staff?: string;
    pin?: string;
    account?: { username: string; password: string };
  }): Promise<Uint8Array> {
    const device: EnrolledDevice = {
      kind: input.kind,
      publicKey: input.publicKey,
      grants: [],
      ticketSequence: 0,
      lastTicketExpiry: 0,
    };
    if (input.staff) device.staff = input.staff;
    if (input.pin) device.pinVerifier = await createPinVerifier(input.pin, this.config.pinIterations);
    if (input.account) device.account = input.account;
    this.devices.set(bytesToHex(input.deviceId), device);
    return signDeviceCertificate(
      {
        issuer: this.config.municipality,
        deviceId: input.deviceId,
        kind: input.kind,
        publicKey: await exportPublicCoordinates(input.publicKey),
        issuedAt: this.config.world.now(),
        ...(input.lock !== undefined ? { lock: input.lock } : {}),
      },
      this.signer,
    );
  }

  /** Sets the locks a key may open (the permission compiler's output, in the real server). */
  setGrants(keyId: Uint8Array, grants: LockGrant[]): void {
    this.device(keyId).grants = [...grants].sort((a, b) => a.lock - b.lock);
  }

  /**
   * Blocks a key: no new tickets from now on (permanently: a found key is re-enrolled under a new
   * id), and a new block-list version listing it while any ticket issued to it may be valid.
   * Returns the block-list version that carries the block (the current one if no entry is needed).
   */
  async block(keyId: Uint8Array): Promise<number> {
    const hex = bytesToHex(keyId);
    this.blockedForever.add(hex);
    const hasValidTicket = (this.devices.get(hex)?.lastTicketExpiry ?? 0) > this.config.world.now();
    const isPruned = this.pruneBlockList();
    if (hasValidTicket && !this.listed.has(hex)) {
      this.blockListVersion++;
      this.listed.set(hex, { keyId, version: this.blockListVersion });
      await this.publishBlockList();
    } else if (isPruned) {
      await this.publishBlockList();
    }
    return this.blockListVersion;
  }

  /** Whether a key is blocked at the issuer (for good). */
  isBlocked(keyId: Uint8Array): boolean {
    return this.blockedForever.has(bytesToHex(keyId));
  }

  /** Keys on the published block list now. */
  get blockListSize(): number {
    return this.listed.size;
  }

  /**
   * The pruning rule (the real server must apply the same): keep an entry until
   * max(expiresAt of tickets issued to that key) has passed. A blocked key gets no new ticket and
   * every lock refuses an expired one, so after that the entry protects nothing. Bumps the
   * version when entries go, so a list is never re-signed with different content.
   */
  private pruneBlockList(): boolean {
    const now = this.config.world.now();
    let isPruned = false;
    for (const [hex] of this.listed) {
      if ((this.devices.get(hex)?.lastTicketExpiry ?? 0) <= now) {
        this.listed.delete(hex);
        isPruned = true;
      }
    }
    if (isPruned) this.blockListVersion++;
    return isPruned;
  }

  private async publishBlockList(): Promise<void> {
    this.blockListBytes = await signBlockList(
      {
        issuer: this.config.municipality,
        version: this.blockListVersion,
        issuedAt: this.config.world.now(),
        blockedKeys: sortKeyIds([...this.listed.values()].map((e) => e.keyId)),
      },
      this.signerKey,
    );
  }

  private device(id: Uint8Array): EnrolledDevice {
    const device = this.devices.get(bytesToHex(id));
    if (!device) throw new Error('device not enrolled');
    return device;
  }

  private checkReachable(): void {
    if (!this.isReachable) throw new IssuerUnreachableError('issuer unreachable');
  }

  private async authenticateRequest(bytes: Uint8Array, purpose: CredentialPurpose): Promise<Uint8Array> {
    const refuse = (reason: Reason, message: string): never => {
      throw new IssuerRefusedError(reason, message);
    };
    let keyId: Uint8Array;
    try {
      keyId = parseCredentialRequest(bytes).request.keyId;
    } catch (error) {
      if (isProtocolError(error)) refuse('malformed', error.message);
      throw error;
    }
    const device = this.devices.get(bytesToHex(keyId!));
    if (!device || (device.kind !== 'key' && device.kind !== 'phone'))
      return refuse('key-mismatch', 'not an enrolled key');
    const request = await verifyCredentialRequest(bytes, device.publicKey).catch((error: unknown) =>
      refuse('bad-key-signature', (error as Error).message),
    );
    if (request.purpose !== purpose) refuse('malformed', `expected a ${purpose} request`);
    const tolerance = this.config.requestToleranceSeconds ?? 300;
    if (Math.abs(request.time - this.config.world.now()) > tolerance)
      refuse('stale-challenge', 'request time too far off');
    const nonceHex = bytesToHex(request.nonce);
    if (this.seenNonces.has(nonceHex)) refuse('stale-challenge', 'request replayed');
    this.seenNonces.add(nonceHex);
    if (this.blockedForever.has(bytesToHex(keyId!))) refuse('key-blocked', 'key is blocked');
    return keyId!;
  }

  /**
   * Issues a ticket. Its block-list claims carry the newest entries that fit (protocol
   * fitTicketBlockList), so issuing never fails however many keys are blocked. A phone's login
   * ticket expires one shift after the login: the login time is the phone's activation, and a
   * modified app claiming a later one gains nothing.
   */
  private async issue(keyId: Uint8Array, purpose: CredentialPurpose): Promise<IssuedCredentials> {
    const device = this.device(keyId);
    const now = this.config.world.now();
    if (this.pruneBlockList()) await this.publishBlockList();
    device.ticketSequence++;
    const shiftSeconds = this.config.shiftSeconds ?? 12 * 3600;
    const validity = this.config.ticketValiditySeconds ?? maxTicketValiditySeconds;
    const base = {
      issuer: this.config.municipality,
      keyId,
      cnf: await exportPublicCoordinates(device.publicKey),
      staff: device.staff ?? 'unassigned',
      issuedAt: now,
      notBefore: now,
      expiresAt: now + (purpose === 'login' ? Math.min(shiftSeconds, validity) : validity),
      sequence: device.ticketSequence,
      shiftSeconds,
      locks: device.grants,
    };
    const ticket = await signTicket(
      { ...base, ...fitTicketBlockList(base, this.blockListVersion, [...this.listed.values()]) },
      this.signerKey,
    );
    device.lastTicketExpiry = Math.max(device.lastTicketExpiry, base.expiresAt);
    return { ticket, blockList: this.currentBlockList, issuerKeySet: this.currentIssuerKeySet };
  }

  /** Signs the issuer's time for a lock's challenge (see IssuerGateway.attestTime). */
  async attestTime(call: TimeAttestationCall): Promise<Uint8Array> {
    this.checkReachable();
    let challenge;
    try {
      challenge = decodeChallenge(call.challenge);
    } catch (error) {
      if (isProtocolError(error)) throw new IssuerRefusedError('malformed', error.message);
      throw error;
    }
    return signTimeAttestation(
      {
        issuer: this.config.municipality,
        lock: challenge.lock,
        nonce: challenge.nonce,
        time: this.config.world.now(),
      },
      this.signerKey,
    );
  }

  async activate(call: ActivationCall): Promise<IssuedCredentials> {
    this.checkReachable();
    const keyId = await this.authenticateRequest(call.request, 'activation');
    const verifier = this.device(keyId).pinVerifier;
    // The PIN is checked against this key's verifier only (R1.3).
    if (!verifier || !(await isPinCorrect(call.pin, verifier))) {
      throw new IssuerRefusedError('wrong-pin', 'PIN does not match this key');
    }
    return this.issue(keyId, 'activation');
  }

  async sync(call: SyncCall): Promise<IssuedCredentials> {
    this.checkReachable();
    return this.issue(await this.authenticateRequest(call.request, 'sync'), 'sync');
  }

  async login(call: LoginCall): Promise<IssuedCredentials> {
    this.checkReachable();
    const keyId = await this.authenticateRequest(call.request, 'login');
    const account = this.device(keyId).account;
    if (!account || account.username !== call.username || account.password !== call.password) {
      throw new IssuerRefusedError('login-required', 'wrong username or password');
    }
    return this.issue(keyId, 'login');
  }

  /**
   * Verifies and stores record batches: head signature by the enrolled device key, chain links,
   * and consistency with what is already stored. A record already stored must come back
   * byte-identical and new records must link to stored neighbours; otherwise the device signed
   * two histories (forked, or restarted at 1): the whole batch is refused with a `chain-fork`
   * finding. Each (device, sequence) is stored once; gaps become findings.
   */
  async uploadRecords(batches: Uint8Array[]): Promise<UploadReceipt> {
    this.checkReachable();
    const receipt: UploadReceipt = { stored: 0, duplicates: 0, findings: [] };
    const find = (message: string): void => {
      receipt.findings.push(message);
      this.findings.push(message);
    };
    for (const bytes of batches) {
      try {
        const batch = decodeRecordBatch(bytes);
        const { head } = parseChainHead(batch.head);
        const deviceHex = bytesToHex(head.deviceId);
        const device = this.devices.get(deviceHex);
        if (!device) {
          find(`records from unknown device ${deviceHex}`);
          continue;
        }
        const chain: StoredChain = this.chains.get(deviceHex) ?? {
          anchor: { sequence: 0, hash: new Uint8Array(32) },
          records: new Map<number, EventRecord>(),
          refs: new Map<number, StoredRecordRef>(),
        };
        const { records } = await verifyRecordBatch(batch, device.publicKey);
        const conflict = await findChainConflicts(batch, (sequence) => chain.refs.get(sequence));
        if (conflict) {
          find(`chain-fork: device ${deviceHex}: ${conflict.message}; batch refused`);
          continue;
        }
        if (records.length > 0 && records[0]!.sequence > chain.anchor.sequence + 1) {
          find(
            `device ${deviceHex}: records ${chain.anchor.sequence + 1}..${records[0]!.sequence - 1} missing`,
          );
        }
        for (const [i, record] of records.entries()) {
          if (chain.records.has(record.sequence)) {
            receipt.duplicates++;
            continue;
          }
          const hash = await hashEventRecord(batch.records[i]!);
          chain.records.set(record.sequence, record);
          chain.refs.set(record.sequence, { hash, prev: record.prev });
          receipt.stored++;
          if (record.sequence > chain.anchor.sequence) chain.anchor = { sequence: record.sequence, hash };
        }
        this.chains.set(deviceHex, chain);
      } catch (error) {
        if (!isProtocolError(error)) throw error;
        find(`batch refused: ${error.message}`);
      }
    }
    return receipt;
  }

  /** Stored records of one device, by sequence (for tests and demos). */
  recordsOf(deviceId: Uint8Array): EventRecord[] {
    const chain = this.chains.get(bytesToHex(deviceId));
    return chain ? [...chain.records.values()].sort((a, b) => a.sequence - b.sequence) : [];
  }
}
