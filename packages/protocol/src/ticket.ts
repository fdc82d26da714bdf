// The access ticket: a COSE_Sign1 by the municipality's issuer key over CWT claims (RFC 8392),
// bound to the key's own P-256 key by `cnf` (RFC 8747). Protocol-specific claims use the CWT
// private-use range (< -65536) so they can never collide with registered claims.
import { compareBytes } from './bytes';
import {
  decodeFieldMap,
  encodeFieldMap,
  expectArray,
  expectInt,
  FieldReader,
  maxTime,
  maxUint32,
} from './cbor';
import type { DecodeOptions } from './cbor';
import type { CoseSign1 } from './cose';
import { contentTypes, decodeCoseKey, encodeCoseKey } from './cose';
import type { KeyRing, PublicKeyCoordinates } from './crypto';
import { ProtocolError } from './errors';
import type { IssuerSigningKey } from './issuer-message';
import { createIssuerMessage } from './issuer-message';

export const claimKeys = {
  iss: 1,
  sub: 2,
  exp: 4,
  nbf: 5,
  iat: 6,
  cnf: 8,
  keyId: -65537,
  sequence: -65538,
  locks: -65539,
  shiftSeconds: -65540,
  blockListVersion: -65541,
  blockedKeys: -65542,
  blockListSince: -65543,
} as const;

/** R1.4: an offline credential may never be valid for more than five days after issue. */
export const maxTicketValiditySeconds = 5 * 24 * 3600;
export const maxTicketBytes = 8192;
export const maxLocksPerTicket = 1500;
/**
 * Most recent block-list entries a ticket carries. The full list travels separately, signed
 * (keys hand it on to locks); a ticket carries only what was added since `blockListSince`.
 */
export const maxTicketBlockedKeys = 64;
/** @deprecated the old name of maxTicketBlockedKeys (was 256 when tickets carried the whole list). */
export const maxBlockedKeys = maxTicketBlockedKeys;
/** The size the issuer keeps tickets within when it can (a 300-lock ticket fits). */
export const ticketSizeTarget = 2048;
/** Entries a ticket always carries when that many are recent, even if it then exceeds the target. */
export const minTicketBlockedKeys = 16;
export const maxWindowsPerLock = 14;
export const minutesPerWeek = 7 * 24 * 60;

/** [start, end) in minutes of the week, Monday 00:00 UTC = 0. */
export interface WeeklyWindow {
  start: number;
  end: number;
}

/** One lock a ticket opens; without windows, at any time the ticket is valid. */
export interface LockGrant {
  lock: number;
  windows?: WeeklyWindow[];
}

export interface TicketClaims {
  /** Municipality (tenant) id, e.g. "se-0180". */
  issuer: string;
  /** 16-byte id of the hardware key or phone install (UUID bytes). */
  keyId: Uint8Array;
  /** The key's public key; only a response signed by it is accepted. */
  cnf: PublicKeyCoordinates;
  /** Staff pseudonym: stable per staff member, meaningless outside the municipality. */
  staff: string;
  issuedAt: number;
  notBefore: number;
  expiresAt: number;
  /** Per-key ticket sequence number; strictly increasing per key. */
  sequence: number;
  /** How long an activation lasts (one shift). */
  shiftSeconds: number;
  /** Sorted by lock number, unique. */
  locks: LockGrant[];
  /** The version of the municipality's block list this ticket's entries bring a lock up to. */
  blockListVersion: number;
  /**
   * The entries are every key added to the block list in versions (blockListSince,
   * blockListVersion] that is still listed. 0 or absent: the entries are the complete list as of
   * blockListVersion. A lock holding version ≥ blockListSince moves to blockListVersion.
   */
  blockListSince?: number;
  /** 16-byte key ids (see blockListSince), sorted, unique, at most 64. */
  blockedKeys: Uint8Array[];
}

/** Sorts and de-duplicates key ids into the order tickets and block lists must carry. */
export function sortKeyIds(ids: Iterable<Uint8Array>): Uint8Array[] {
  const sorted = [...ids].sort(compareBytes);
  return sorted.filter((id, i) => i === 0 || compareBytes(sorted[i - 1]!, id) !== 0);
}

/** Throws `out-of-range` unless ids are 16-byte, strictly ascending (so the encoding is unique). */
export function checkKeyIdList(ids: unknown[], what: string, maxItems: number): Uint8Array[] {
  if (ids.length > maxItems)
    throw new ProtocolError('oversize', `${what}: ${ids.length} > ${maxItems} entries`);
  return ids.map((id, i) => {
    if (!(id instanceof Uint8Array)) throw new ProtocolError('wrong-type', `${what}[${i}]: expected bstr`);
    if (id.length !== 16) throw new ProtocolError('out-of-range', `${what}[${i}]: key ids are 16 bytes`);
    if (i > 0 && compareBytes(ids[i - 1] as Uint8Array, id) >= 0) {
      throw new ProtocolError('out-of-range', `${what}: entries must be strictly ascending`);
    }
    return id;
  });
}

function encodeLockGrant(grant: LockGrant): unknown {
  if (!grant.windows || grant.windows.length === 0) return grant.lock;
  return [grant.lock, grant.windows.flatMap((w) => [w.start, w.end])];
}

function decodeLockGrant(value: unknown, what: string): LockGrant {
  if (typeof value === 'number') return { lock: expectInt(value, what, 0, maxUint32) };
  const [lock, flat] = expectArray(value, what, 2);
  const bounds = expectArray(flat, `${what}.windows`);
  if (bounds.length === 0 || bounds.length % 2 !== 0 || bounds.length > maxWindowsPerLock * 2) {
    throw new ProtocolError(
      'out-of-range',
      `${what}.windows: 1..${maxWindowsPerLock} [start, end) pairs required`,
    );
  }
  const windows: WeeklyWindow[] = [];
  let previousEnd = -1;
  for (let i = 0; i < bounds.length; i += 2) {
    const start = expectInt(bounds[i], `${what}.windows`, 0, minutesPerWeek - 1);
    const end = expectInt(bounds[i + 1], `${what}.windows`, 1, minutesPerWeek);
    // Ascending and disjoint so each set of windows has exactly one encoding.
    if (start >= end || start <= previousEnd) {
      throw new ProtocolError('out-of-range', `${what}.windows: must be ascending, disjoint, start < end`);
    }
    previousEnd = end;
    windows.push({ start, end });
  }
  return { lock: expectInt(lock, `${what}.lock`, 0, maxUint32), windows };
}

/** Encodes ticket claims as the deterministic CWT payload; does not sign. */
export function encodeTicketClaims(claims: TicketClaims): Uint8Array {
  return encodeFieldMap([
    [claimKeys.iss, claims.issuer],
    [claimKeys.sub, claims.staff],
    [claimKeys.exp, claims.expiresAt],
    [claimKeys.nbf, claims.notBefore],
    [claimKeys.iat, claims.issuedAt],
    [claimKeys.cnf, new Map([[1, encodeCoseKey(claims.cnf)]])],
    [claimKeys.keyId, claims.keyId],
    [claimKeys.sequence, claims.sequence],
    [claimKeys.locks, claims.locks.map(encodeLockGrant)],
    [claimKeys.shiftSeconds, claims.shiftSeconds],
    [claimKeys.blockListVersion, claims.blockListVersion],
    [claimKeys.blockedKeys, claims.blockedKeys],
    // Absent means 0, so that 0 has exactly one encoding.
    ...(claims.blockListSince ? [[claimKeys.blockListSince, claims.blockListSince] as const] : []),
  ]);
}

/** Parses and checks ticket claims; every rule here holds for any ticket a lock will consider. */
export function decodeTicketClaims(payload: Uint8Array, options: DecodeOptions = {}): TicketClaims {
  const what = 'ticket';
  const fields = decodeFieldMap(payload, maxTicketBytes, what, Object.values(claimKeys), options);
  const cnf = new FieldReader(fields.required(claimKeys.cnf, 'cnf'), `${what}.cnf`, [1]);
  const locks = fields
    .array(claimKeys.locks, 'locks', maxLocksPerTicket)
    .map((grant, i) => decodeLockGrant(grant, `${what}.locks[${i}]`));
  locks.forEach((grant, i) => {
    if (i > 0 && locks[i - 1]!.lock >= grant.lock) {
      throw new ProtocolError('out-of-range', `${what}.locks: lock numbers must be strictly ascending`);
    }
  });
  const claims: TicketClaims = {
    issuer: fields.text(claimKeys.iss, 'iss', 64),
    staff: fields.label(claimKeys.sub, 'sub', 64),
    expiresAt: fields.int(claimKeys.exp, 'exp', 0, maxTime),
    notBefore: fields.int(claimKeys.nbf, 'nbf', 0, maxTime),
    issuedAt: fields.int(claimKeys.iat, 'iat', 0, maxTime),
    cnf: decodeCoseKey(cnf.required(1, 'COSE_Key'), `${what}.cnf.COSE_Key`),
    keyId: fields.bytes(claimKeys.keyId, 'key id', 16),
    sequence: fields.int(claimKeys.sequence, 'sequence', 0, maxUint32),
    locks,
    shiftSeconds: fields.int(claimKeys.shiftSeconds, 'shift', 60, 24 * 3600),
    blockListVersion: fields.int(claimKeys.blockListVersion, 'block-list version', 0, maxUint32),
    blockedKeys: checkKeyIdList(
      fields.array(claimKeys.blockedKeys, 'blocked keys', maxTicketBlockedKeys),
      `${what}.blocked`,
      maxTicketBlockedKeys,
    ),
  };
  if (fields.has(claimKeys.blockListSince)) {
    const since = fields.int(claimKeys.blockListSince, 'block-list since', 1, maxUint32);
    if (
      since > claims.blockListVersion ||
      (since === claims.blockListVersion && claims.blockedKeys.length > 0)
    )
      throw new ProtocolError('out-of-range', `${what}: block-list since must not be after its version`);
    claims.blockListSince = since;
  }
  if (claims.notBefore > claims.expiresAt || claims.issuedAt > claims.expiresAt) {
    throw new ProtocolError('out-of-range', `${what}: nbf and iat must not be after exp`);
  }
  if (claims.expiresAt - claims.issuedAt > maxTicketValiditySeconds) {
    throw new ProtocolError('out-of-range', `${what}: valid for more than 5 days after issue`);
  }
  return claims;
}

const ticketMessage = createIssuerMessage<TicketClaims, 'claims'>({
  what: 'ticket',
  parsedAs: 'claims',
  contentType: contentTypes.ticket,
  maxBytes: maxTicketBytes,
  encodePayload: encodeTicketClaims,
  decodePayload: decodeTicketClaims,
});

/**
 * Signs a ticket with the issuer key. Must hold: lock numbers strictly ascending, blocked key ids
 * sorted, validity ≤ 5 days; the result is re-decoded so the issuer can never emit a ticket a
 * lock would refuse to parse.
 */
export async function signTicket(claims: TicketClaims, issuer: IssuerSigningKey): Promise<Uint8Array> {
  const bytes = await ticketMessage.sign(claims, issuer);
  if (bytes.length > maxTicketBytes) throw new ProtocolError('oversize', `ticket: ${bytes.length} bytes`);
  return bytes;
}

/** A key on the block list and the block-list version that added it (issuer side). */
export interface BlockListHistoryEntry {
  keyId: Uint8Array;
  version: number;
}

/** The bytes of a CBOR head carrying `value` (an integer, or a length). */
function cborHeadBytes(value: number): number {
  return value < 24 ? 1 : value < 0x100 ? 2 : value < 0x10000 ? 3 : value < 0x100000000 ? 5 : 9;
}

/** The bytes encodeLockGrant's item takes: a lock number, or [lock, [start, end, …]]. */
function lockGrantBytes(grant: LockGrant): number {
  const windows = grant.windows;
  if (!windows || windows.length === 0) return cborHeadBytes(grant.lock);
  let bytes = 1 + cborHeadBytes(grant.lock) + cborHeadBytes(windows.length * 2);
  for (const window of windows) bytes += cborHeadBytes(window.start) + cborHeadBytes(window.end);
  return bytes;
}

/**
 * The length of encodeTicketClaims(claims), with only the small rest of the claims encoded: the
 * lock list, most of a ticket, is counted item by item (every item is an unsigned integer or an
 * array of them, so its size is its heads'). Property-tested equal to the encoding's length.
 */
export function encodedTicketClaimsLength(claims: TicketClaims): number {
  let length = encodeTicketClaims({ ...claims, locks: [] }).length;
  length += cborHeadBytes(claims.locks.length) - cborHeadBytes(0);
  for (const grant of claims.locks) length += lockGrantBytes(grant);
  return length;
}

function signedTicketBytes(payloadLength: number): number {
  // COSE_Sign1 envelope around the payload with an 8-byte kid and a 64-byte signature.
  return 1 + 18 + 1 + cborHeadBytes(payloadLength) + payloadLength + 2 + 64;
}

/**
 * Chooses the block-list entries a ticket carries, so that issuing never fails and tickets stay
 * small: whole versions, newest first, while the signed ticket stays within `targetBytes` (2 KB)
 * and at most 64 entries; at least the 16 newest entries are always carried (a ticket with 1,500
 * 4-byte lock numbers and 16 entries is still under the 8 KB maximum). `entries` are the keys
 * currently on the (pruned) block list with the version that added each; `version` is the
 * current block-list version. Returns the three block-list claims for the ticket.
 */
export function fitTicketBlockList(
  claims: Omit<TicketClaims, 'blockListVersion' | 'blockListSince' | 'blockedKeys'>,
  version: number,
  entries: readonly BlockListHistoryEntry[],
  targetBytes = ticketSizeTarget,
): Pick<TicketClaims, 'blockListVersion' | 'blockListSince' | 'blockedKeys'> {
  const byVersion = new Map<number, Uint8Array[]>();
  for (const entry of entries) {
    if (entry.version > version) throw new Error('block-list entry newer than the version');
    byVersion.set(entry.version, [...(byVersion.get(entry.version) ?? []), entry.keyId]);
  }
  const versions = [...byVersion.keys()].sort((a, b) => b - a);
  // The claims are encoded once, with `blockListSince` 1 and no keys; each candidate's size is
  // that plus what its since and keys add (CBOR heads and byte strings: the encoding is
  // canonical, so the size does not depend on order). Encoding the whole ticket for every
  // candidate cost an activation about a millisecond per block-list version carried.
  const bareLength = encodedTicketClaimsLength({
    ...claims,
    blockListVersion: version,
    blockListSince: 1,
    blockedKeys: [],
  });
  const taken: Uint8Array[] = [];
  let since = 0;
  let keyBytes = 0;
  for (const v of versions) {
    const added = byVersion.get(v)!;
    const next = [...taken, ...added];
    const nextKeyBytes =
      keyBytes + added.reduce((sum, keyId) => sum + cborHeadBytes(keyId.length) + keyId.length, 0);
    const size = signedTicketBytes(
      bareLength +
        cborHeadBytes(v) -
        cborHeadBytes(1) +
        cborHeadBytes(next.length) -
        cborHeadBytes(0) +
        nextKeyBytes,
    );
    const fits =
      next.length <= maxTicketBlockedKeys &&
      size <= maxTicketBytes &&
      (size <= targetBytes || next.length <= minTicketBlockedKeys);
    if (!fits) {
      since = v;
      break;
    }
    taken.splice(0, taken.length, ...next);
    keyBytes = nextKeyBytes;
  }
  return {
    blockListVersion: version,
    blockedKeys: sortKeyIds(taken),
    ...(since > 0 ? { blockListSince: since } : {}),
  };
}

/** A ticket parsed but not yet verified: what the lock caches alongside the verification result. */
export interface ParsedTicket {
  sign1: CoseSign1;
  claims: TicketClaims;
}

/** Parses a ticket's envelope and claims without checking the signature. */
export function parseTicket(bytes: Uint8Array): ParsedTicket {
  return ticketMessage.parse(bytes);
}

/** Parses a ticket and verifies the issuer signature against `issuerKeys`; returns its claims. */
export async function verifyTicket(bytes: Uint8Array, issuerKeys: KeyRing): Promise<TicketClaims> {
  return ticketMessage.verify(bytes, issuerKeys);
}

/** Returns the minute of the week (Monday 00:00 UTC = 0) for `time` in seconds since the epoch. */
export function minuteOfWeek(time: number): number {
  // 1970-01-01 was a Thursday, three days after a Monday.
  return (Math.floor(time / 60) + 3 * 24 * 60) % minutesPerWeek;
}

/** Returns the grant for `lock` in a ticket (binary search: locks are sorted), or undefined. */
export function findLockGrant(claims: TicketClaims, lock: number): LockGrant | undefined {
  let low = 0;
  let high = claims.locks.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const grant = claims.locks[mid]!;
    if (grant.lock === lock) return grant;
    if (grant.lock < lock) low = mid + 1;
    else high = mid - 1;
  }
  return undefined;
}

/** Returns whether `grant` allows opening at `time`: always without windows, else inside one. */
export function isWithinWindows(grant: LockGrant, time: number): boolean {
  if (!grant.windows || grant.windows.length === 0) return true;
  const minute = minuteOfWeek(time);
  return grant.windows.some((w) => minute >= w.start && minute < w.end);
}
