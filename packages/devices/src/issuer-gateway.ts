// Where keys meet the server. Activation boxes, sync stations and phones talk to the issuer only
// through this interface, so the same devices run against the in-process issuer in tests and an
// HTTP client to the real server's device gateway later. All payloads are protocol bytes, which
// map one-to-one onto HTTP request and response bodies.
import type { Reason } from '@portvakt/protocol';
import { ReasonError } from '@portvakt/protocol';

/**
 * What the issuer hands a key: a fresh ticket and the newest signed block list, and the newest
 * signed issuer key set when the municipality has one (keys carry it to locks, like block lists).
 */
export interface IssuedCredentials {
  ticket: Uint8Array;
  blockList: Uint8Array;
  issuerKeySet?: Uint8Array;
}

export interface ActivationCall {
  /** Credential request (purpose "activation") signed by the key after a correct local PIN. */
  request: Uint8Array;
  /** The PIN as typed at the box, checked by the issuer against its verifier for that key only. */
  pin: string;
  boxId: Uint8Array;
}

export interface SyncCall {
  /** Credential request (purpose "sync") signed by the key. */
  request: Uint8Array;
  stationId: Uint8Array;
}

export interface LoginCall {
  /** Credential request (purpose "login") signed by the phone's non-extractable key. */
  request: Uint8Array;
  username: string;
  password: string;
}

export interface UploadReceipt {
  /** Records stored for the first time. */
  stored: number;
  /** Records already held (same device and sequence): stored once, counted here. */
  duplicates: number;
  /** Gaps and broken chains found while storing; never silently ignored. */
  findings: string[];
}

export interface TimeAttestationCall {
  /** The lock's challenge exactly as the lock sent it (its nonce and lock number are signed back). */
  challenge: Uint8Array;
}

export interface VisitCheckCall {
  /** A visit check (protocol `signVisitCheck`: check-in or check-out) signed by the phone's key. */
  request: Uint8Array;
}

/** The visit a check-in opened or a check-out completed, as the issuer registered it. */
export interface VisitReceipt {
  visitId: string;
  state: 'incomplete' | 'registered';
  /** ISO instants, the issuer's clock. */
  arrival: string;
  departure: string | null;
}

export interface IssuerGateway {
  activate(call: ActivationCall): Promise<IssuedCredentials>;
  sync(call: SyncCall): Promise<IssuedCredentials>;
  login(call: LoginCall): Promise<IssuedCredentials>;
  /**
   * Each item is an encoded record batch (protocol `encodeRecordBatch`). A batch that conflicts
   * with stored records (a forked or restarted chain) is refused whole with a `chain-fork` finding.
   */
  uploadRecords(batches: Uint8Array[]): Promise<UploadReceipt>;
  /**
   * Signs the issuer's current time for one lock challenge (protocol `signTimeAttestation`), so an
   * online phone can repair a lock whose clock runs ahead. Optional: gateways without it cannot.
   */
  attestTime?(call: TimeAttestationCall): Promise<Uint8Array>;
  /**
   * A phone registers a visit at a customer without a lock: check-in opens it, check-out
   * completes it. Optional: gateways without them cannot register visits.
   */
  checkInVisit?(call: VisitCheckCall): Promise<VisitReceipt>;
  checkOutVisit?(call: VisitCheckCall): Promise<VisitReceipt>;
}

/** The issuer could not be reached (network down, server down): devices fall back to offline rules. */
export class IssuerUnreachableError extends Error {
  override readonly name = 'IssuerUnreachableError';
}

/**
 * The issuer answered and refused, with a protocol reason (e.g. "key-blocked", "wrong-pin"). `code`
 * is the answer's code as sent: the reason, or a code of the API (e.g. "not_permitted" for a
 * check-in), which has no protocol reason and is `malformed` as `reason`.
 */
export class IssuerRefusedError extends ReasonError<Reason> {
  override readonly name = 'IssuerRefusedError';
  readonly code: string;
  /**
   * How long the issuer asked to wait (its `Retry-After`), when it refused for now rather than for
   * good: a login to an account locked after too many wrong passwords.
   */
  readonly retryAfterSeconds: number | undefined;

  constructor(reason: Reason, message: string, code: string = reason, retryAfterSeconds?: number) {
    super(reason, message);
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
