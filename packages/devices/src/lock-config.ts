import type { CoseSign1, EventKind, KeyRing, Reason } from '@portvakt/protocol';
import type { WorldClock } from './clock';

/** How a simulated lock is built: its identity, trust anchors, clock and limits. */
export interface LockConfig {
  deviceId: Uint8Array;
  /** The compact number tickets use for this lock, assigned by the municipality at enrolment. */
  lockNumber: number;
  /** Municipality id; tickets from another issuer string are refused. */
  issuer: string;
  /** The issuer key ring installed at enrolment (replaced later only by a newer signed key set). */
  issuerKeys: KeyRing;
  /** The signed issuer key set the ring came from, if enrolment used one (gives its version). */
  issuerKeySet?: Uint8Array;
  /** The lock's own key pair (kept in its secure element; signs chain heads). */
  keyPair: CryptoKeyPair;
  world: WorldClock;
  clockDriftPpm?: number;
  clockOffsetSeconds?: number;
  /** How long a challenge may be answered. Short, to narrow the window for relaying. */
  challengeLifetimeSeconds?: number;
  /** How long a time attestation for a challenge may take to arrive (phone → issuer → lock). */
  attestationLifetimeSeconds?: number;
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
export type AcceptResult = { isAccepted: true } | { isAccepted: false; reason: Reason };

/** What a lock holds one version of at a time, replaced only by a newer one from its issuer. */
export interface VersionedUpdate {
  issuer: string;
  version: number;
}

/** How a lock takes one kind of signed update (block list, issuer key set) handed on by a key. */
export interface SignedUpdateRules<Parsed extends { sign1: CoseSign1 }, Update extends VersionedUpdate> {
  parse: (bytes: Uint8Array) => Parsed;
  select: (parsed: Parsed) => Update;
  heldVersion: number;
  /** The refusal for a version not newer than the one held. */
  rollback: Reason;
  /** The record kinds written when accepted, and counted when refused. */
  kinds: { accepted: EventKind; refused: EventKind };
  install: (update: Update) => void | Promise<void>;
}
