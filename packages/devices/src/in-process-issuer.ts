// An issuer living in the same process: what the server's device gateway will do, reduced to
// memory. Tests and demos use it until the server endpoints exist; it implements the same
// IssuerGateway the HTTP client will, including being unreachable on demand.
import type {
  ChainAnchor,
  DeviceKind,
  IssuerSigningKey,
  KeyRing,
  LockGrant,
  Reason,
} from '@portvakt/protocol';
import {
  bytesToHex,
  createKeyRing,
  decodeRecordBatch,
  deriveIssuerKid,
  exportPublicCoordinates,
  generateSigningKeyPair,
  hashEventRecord,
  isProtocolError,
  maxTicketValiditySeconds,
  parseChainHead,
  parseCredentialRequest,
  signBlockList,
  signDeviceCertificate,
  signTicket,
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
}

interface StoredChain {
  anchor: ChainAnchor;
  records: Map<number, EventRecord>;
}

export class InProcessIssuer implements IssuerGateway {
  isReachable = true;
  private readonly devices = new Map<string, EnrolledDevice>();
  private readonly blocked = new Map<string, Uint8Array>();
  private blockListVersion = 1;
  private blockListBytes: Uint8Array | undefined;
  private readonly seenNonces = new Set<string>();
  private readonly chains = new Map<string, StoredChain>();
  /** Every gap or broken chain found in uploads, in order (server: an audit finding). */
  readonly findings: string[] = [];

  private constructor(
    private readonly config: InProcessIssuerConfig,
    readonly signer: IssuerSigningKey & { publicKey: CryptoKey },
  ) {}

  static async create(config: InProcessIssuerConfig): Promise<InProcessIssuer> {
    if ((config.ticketValiditySeconds ?? 0) > maxTicketValiditySeconds)
      throw new Error('ticket validity over 5 days');
    let signer = config.signer;
    if (!signer) {
      const pair = await generateSigningKeyPair();
      signer = {
        privateKey: pair.privateKey,
        publicKey: pair.publicKey,
        kid: await deriveIssuerKid(pair.publicKey),
      };
    }
    const issuer = new InProcessIssuer(config, signer);
    await issuer.publishBlockList();
    return issuer;
  }

  /** The key ring locks are provisioned with at enrolment. */
  get issuerKeys(): KeyRing {
    return createKeyRing([[this.signer.kid, this.signer.publicKey]]);
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

  /** Blocks a key: no new tickets from now on, and a new block-list version listing it. */
  async block(keyId: Uint8Array): Promise<number> {
    this.blocked.set(bytesToHex(keyId), keyId);
    this.blockListVersion++;
    await this.publishBlockList();
    return this.blockListVersion;
  }

  private async publishBlockList(): Promise<void> {
    this.blockListBytes = await signBlockList(
      {
        issuer: this.config.municipality,
        version: this.blockListVersion,
        issuedAt: this.config.world.now(),
        blockedKeys: sortKeyIds(this.blocked.values()),
      },
      this.signer,
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
    if (this.blocked.has(bytesToHex(keyId!))) refuse('key-blocked', 'key is blocked');
    return keyId!;
  }

  private async issue(keyId: Uint8Array): Promise<IssuedCredentials> {
    const device = this.device(keyId);
    const now = this.config.world.now();
    device.ticketSequence++;
    const ticket = await signTicket(
      {
        issuer: this.config.municipality,
        keyId,
        cnf: await exportPublicCoordinates(device.publicKey),
        staff: device.staff ?? 'unassigned',
        issuedAt: now,
        notBefore: now,
        expiresAt: now + (this.config.ticketValiditySeconds ?? maxTicketValiditySeconds),
        sequence: device.ticketSequence,
        shiftSeconds: this.config.shiftSeconds ?? 12 * 3600,
        locks: device.grants,
        blockListVersion: this.blockListVersion,
        blockedKeys: sortKeyIds(this.blocked.values()),
      },
      this.signer,
    );
    return { ticket, blockList: this.currentBlockList };
  }

  async activate(call: ActivationCall): Promise<IssuedCredentials> {
    this.checkReachable();
    const keyId = await this.authenticateRequest(call.request, 'activation');
    const verifier = this.device(keyId).pinVerifier;
    // The PIN is checked against this key's verifier only (R1.3).
    if (!verifier || !(await isPinCorrect(call.pin, verifier))) {
      throw new IssuerRefusedError('wrong-pin', 'PIN does not match this key');
    }
    return this.issue(keyId);
  }

  async sync(call: SyncCall): Promise<IssuedCredentials> {
    this.checkReachable();
    return this.issue(await this.authenticateRequest(call.request, 'sync'));
  }

  async login(call: LoginCall): Promise<IssuedCredentials> {
    this.checkReachable();
    const keyId = await this.authenticateRequest(call.request, 'login');
    const account = this.device(keyId).account;
    if (!account || account.username !== call.username || account.password !== call.password) {
      throw new IssuerRefusedError('login-required', 'wrong username or password');
    }
    return this.issue(keyId);
  }

  /**
   * Verifies and stores record batches: head signature by the enrolled device key, chain links,
   * continuity with what is already stored. Each (device, sequence) is stored once; gaps and
   * broken chains become findings.
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
        const chain = this.chains.get(deviceHex) ?? {
          anchor: { sequence: 0, hash: new Uint8Array(32) },
          records: new Map(),
        };
        const { records } = await verifyRecordBatch(batch, device.publicKey, chain.anchor);
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
          chain.records.set(record.sequence, record);
          receipt.stored++;
          if (record.sequence > chain.anchor.sequence) {
            chain.anchor = { sequence: record.sequence, hash: await hashEventRecord(batch.records[i]!) };
          }
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
