import { compileLockList, toLockGrants } from '@portvakt/core';
import {
  importPublicJwk,
  exportPublicCoordinates,
  fitTicketBlockList,
  maxTicketValiditySeconds,
  signBlockList,
  signTicket,
  sortKeyIds,
  isProtocolError,
  uuidToBytes,
  type PublicJwk,
  type PublicKeyCoordinates,
  type Reason,
} from '@portvakt/protocol';
import { readIssueContext, takeTicketSequence, type Queryable } from '@portvakt/storage';
import { ApiError } from '../platform/errors';
import type { IssuerKeyStore } from './issuer-keys';
import type { PermissionIndexCache } from '../access/permission-index';

/**
 * Imported public keys and their coordinates by JWK content (x and y): the same content always
 * imports to the same key, so this is safe across processes and never outlives a revocation
 * (whether a key or device is enrolled, revoked or blocked is read from the database on every
 * request; only the import, about half a millisecond of CPU, is saved). Bounded.
 */
const publicKeys = new Map<string, Promise<CryptoKey>>();
const coordinates = new Map<string, Promise<PublicKeyCoordinates>>();
const maxCachedKeys = 20_000;

function remember<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    if (cache.size >= maxCachedKeys) cache.clear();
    value = make();
    cache.set(key, value);
    value.catch(() => cache.delete(key));
  }
  return value;
}

/** The enrolled public key of a device, imported once per process. */
export function publicKeyOf(jwk: PublicJwk): Promise<CryptoKey> {
  return remember(publicKeys, `${jwk.x}.${jwk.y}`, () => importPublicJwk(jwk));
}

function publicCoordinatesOf(jwk: PublicJwk): Promise<PublicKeyCoordinates> {
  return remember(coordinates, `${jwk.x}.${jwk.y}`, async () =>
    exportPublicCoordinates(await publicKeyOf(jwk)),
  );
}

/** A refusal the device gateway answers with a protocol reason as its code (devices act on it). */
export class DeviceRefusal extends ApiError {
  constructor(
    readonly reason: Reason,
    message: string,
    statusCode = 403,
  ) {
    super(statusCode, reason, message);
  }
}

export interface IssuedCredentials {
  ticket: Uint8Array;
  blockList: Uint8Array;
  /** The issuer keys to trust, signed by a key devices already trust (rotation, R10.4). */
  issuerKeySet: Uint8Array;
  expiresAt: Date;
  lockCount: number;
}

/** The issuer name tickets carry: "se-" and the municipality code. */
export function issuerName(code: string): string {
  return `se-${code}`;
}

/**
 * Issues a fresh ticket for a key (hardware key or phone) with exactly the holder's current
 * permissions, and the current signed block list. Refuses blocked keys, keys without holder or
 * enrolment, and staff whose employment has ended.
 *
 * Give it the pool, not a transaction (docs/device-gateway.md "Connections"): every step is one
 * statement on one pooled connection at a time, so a request never holds a connection while it
 * waits for another (twelve concurrent activations used to exhaust the pool that way and freeze
 * the server). The only writes are single atomic statements: the key's ticket sequence, and the
 * issuer key's `signed_until` when it grows (rarely). Reads outside a transaction see what a
 * READ COMMITTED transaction saw before: each statement its own snapshot.
 */
export async function issueCredentials(
  db: Queryable,
  deps: { issuerKeys: IssuerKeyStore; permissions: PermissionIndexCache },
  request: {
    municipalityId: string;
    digitalKeyId: string;
    isActivation: boolean;
    now?: Date;
    maxValiditySeconds?: number;
  },
): Promise<IssuedCredentials> {
  const now = request.now ?? new Date();
  // One statement for the key, holder, enrolment, settings, block list and facts version.
  const context = await readIssueContext(db, request.municipalityId, request.digitalKeyId);
  const key = context?.key;
  if (!context || !key) throw new DeviceRefusal('key-mismatch', 'Not a key of this municipality.');
  if (key.status !== 'active') throw new DeviceRefusal('key-blocked', `The key is ${key.status}.`);
  const blockList = { version: context.blockListVersion, entries: context.blockEntries };
  if (blockList.entries.some((entry) => entry.digitalKeyId === request.digitalKeyId)) {
    throw new DeviceRefusal('key-blocked', 'The key is blocked.');
  }
  if (!key.publicJwk) throw new DeviceRefusal('key-mismatch', 'The key is not enrolled.');
  if (!key.holderStaffMemberId) throw new DeviceRefusal('key-mismatch', 'The key has no holder.');
  const staff = key.staff;
  if (!staff) throw new DeviceRefusal('key-mismatch', 'The holder is unknown.');
  const municipality = { code: context.municipalityCode };
  const settings = context.settings as { ticketValidityHours?: number; shiftHours?: number };
  const validity = Math.min(
    maxTicketValiditySeconds,
    request.maxValiditySeconds ?? maxTicketValiditySeconds,
    (settings.ticketValidityHours ?? 120) * 3600,
  );

  const { index } = await deps.permissions.get(request.municipalityId, context.factsVersion);
  const { issuer, issuerKeySet } = await deps.issuerKeys.signingState(
    request.municipalityId,
    issuerName(municipality.code),
    context.issuer,
  );
  const cnf = await publicCoordinatesOf(key.publicJwk);
  const issuedAt = Math.floor(now.getTime() / 1000);

  // Tickets of staff with many windows (night patrols) may not fit: shorten validity until they do.
  let ticket: Uint8Array | undefined;
  let expiresAt = now;
  let lockCount = 0;
  let sequence: number | undefined;
  for (const seconds of [validity, 2 * 86400, 86400, 12 * 3600].filter((s, i) => i === 0 || s < validity)) {
    const list = compileLockList(index, staff.id, now, { validForSeconds: seconds });
    const grants = toLockGrants({
      ...list,
      locks: list.locks.filter((lock) => lock.lockNumber !== undefined),
    });
    expiresAt = new Date(list.validUntil);
    sequence ??= await takeTicketSequence(db, request.digitalKeyId, {
      isActivation: request.isActivation,
      expiresAt,
    });
    const base = {
      issuer: issuerName(municipality.code),
      keyId: uuidToBytes(request.digitalKeyId),
      cnf,
      staff: staff.pseudonym,
      issuedAt,
      notBefore: issuedAt,
      expiresAt: Math.floor(list.validUntil / 1000),
      sequence,
      shiftSeconds: (settings.shiftHours ?? 12) * 3600,
      locks: grants,
    };
    // The newest block-list entries the ticket has room for; the rest travel in the signed list.
    const blockClaims = fitTicketBlockList(
      base,
      blockList.version,
      blockList.entries.map((entry) => ({
        keyId: uuidToBytes(entry.digitalKeyId),
        version: entry.addedInVersion,
      })),
    );
    try {
      ticket = await signTicket({ ...base, ...blockClaims }, issuer);
      lockCount = grants.length;
      break;
    } catch (error) {
      if (!isProtocolError(error) || error.reason !== 'oversize') throw error;
    }
  }
  if (!ticket) throw new DeviceRefusal('malformed', 'The permissions do not fit in a ticket.', 500);
  await deps.issuerKeys.noteSigned(issuer.kid, expiresAt);
  const signedBlockList = await signBlockList(
    {
      issuer: issuerName(municipality.code),
      version: blockList.version,
      issuedAt,
      blockedKeys: sortKeyIds(blockList.entries.map((entry) => uuidToBytes(entry.digitalKeyId))),
    },
    issuer,
  );
  return { ticket, blockList: signedBlockList, issuerKeySet, expiresAt, lockCount };
}
