import { compileLockList, findStaffProviderId, readVisitWindowSettings, toLockGrants } from '@portvakt/core';
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
  type IssuerSigningKey,
  type PublicJwk,
  type PublicKeyCoordinates,
  type Reason,
} from '@portvakt/protocol';
import {
  readIssueContext,
  readVisitWindowFacts,
  takeTicketSequence,
  type IssueContext,
  type Queryable,
} from '@portvakt/storage';
import { ApiError } from '../platform/errors';
import type { IssuerKeyStore } from './issuer-keys';
import type { PermissionIndexCache } from '../access';

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

/**
 * Signed block lists by issuer key and content: every ticket carries the current list, and during
 * a shift-start rush hundreds of tickets a minute carry the same one. A list is signed again when
 * its content or the issuer key changes, and at least once a minute so its `issuedAt` stays
 * current. Bounded.
 */
const signedBlockLists = new Map<string, { issuedAt: number; bytes: Promise<Uint8Array> }>();
const maxBlockListAgeSeconds = 60;

function signedBlockListOf(
  issuerLabel: string,
  issuer: IssuerSigningKey,
  blockList: { version: number; entries: Array<{ digitalKeyId: string }> },
  issuedAt: number,
): Promise<Uint8Array> {
  const cacheKey = [
    issuerLabel,
    Buffer.from(issuer.kid).toString('hex'),
    blockList.version,
    ...blockList.entries.map((entry) => entry.digitalKeyId).sort(),
  ].join(' ');
  const cached = signedBlockLists.get(cacheKey);
  if (cached && issuedAt - cached.issuedAt < maxBlockListAgeSeconds && issuedAt >= cached.issuedAt) {
    return cached.bytes;
  }
  const bytes = signBlockList(
    {
      issuer: issuerLabel,
      version: blockList.version,
      issuedAt,
      blockedKeys: sortKeyIds(blockList.entries.map((entry) => uuidToBytes(entry.digitalKeyId))),
    },
    issuer,
  );
  if (signedBlockLists.size >= maxCachedKeys) signedBlockLists.clear();
  signedBlockLists.set(cacheKey, { issuedAt, bytes });
  bytes.catch(() => signedBlockLists.delete(cacheKey));
  return bytes;
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

/** Reads a device's bytes with a protocol decoder: what the protocol rejects is 400 `malformed`. */
export function decodeDeviceBytes<T>(decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (isProtocolError(error)) throw new DeviceRefusal('malformed', error.message, 400);
    throw error;
  }
}

/** A device request whose signature does not verify against its enrolled key. */
export function refuseBadKeySignature(error: unknown): never {
  throw new DeviceRefusal('bad-key-signature', (error as Error).message);
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

/** What a ticket request carries besides the key's context. */
export interface CredentialRequest {
  municipalityId: string;
  digitalKeyId: string;
  /**
   * The issuer's clock (the server's, `readClock`): the ticket's issue time, from which its lock
   * list is compiled and its validity counted, and which locks take as the true time.
   */
  now: Date;
  maxValiditySeconds?: number;
}

/** A key found fit for a ticket, its permissions compiled: signing waits for the sequence number. */
export interface CredentialPlan {
  /** When the ticket expires at the longest (what the key's credential row records). */
  expiresAt: Date;
  sign(sequence: number): Promise<IssuedCredentials>;
}

/**
 * Checks that a key may get a ticket with exactly the holder's current permissions, and the
 * current signed block list. Refuses blocked keys, keys without holder or enrolment, and staff
 * whose employment has ended. Reads nothing itself but the in-memory permission index and issuer
 * state, so the caller decides which statements carry the reads and writes around it; the one
 * exception is visit-window mode: while any customer is under it, one statement on `db` reads the
 * planned visits and break-glass windows of the holder's provider around the ticket's validity.
 */
export async function planCredentials(
  db: Queryable,
  context: IssueContext | undefined,
  deps: { issuerKeys: IssuerKeyStore; permissions: PermissionIndexCache },
  request: CredentialRequest,
): Promise<CredentialPlan> {
  const { now } = request;
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
  const issuerLabel = issuerName(context.municipalityCode);
  const settings = context.settings as { ticketValidityHours?: number; shiftHours?: number } & Record<
    string,
    unknown
  >;
  const validity = Math.min(
    maxTicketValiditySeconds,
    request.maxValiditySeconds ?? maxTicketValiditySeconds,
    (settings.ticketValidityHours ?? 120) * 3600,
  );

  const { index } = await deps.permissions.get(request.municipalityId, context.factsVersion);
  const { issuer, issuerKeySet } = await deps.issuerKeys.signingState(
    request.municipalityId,
    issuerLabel,
    context.issuer,
  );
  const cnf = await publicCoordinatesOf(key.publicJwk);
  const issuedAt = Math.floor(now.getTime() / 1000);
  // Visit-window mode (docs/permissions.md): the next contact after an alarm brings its break-glass window.
  const providerId = findStaffProviderId(index, staff.id);
  const windowSettings = readVisitWindowSettings(settings);
  const visitWindows =
    index.hasVisitWindowedCustomers && providerId !== undefined
      ? await readVisitWindowFacts(db, {
          municipalityId: request.municipalityId,
          providerId,
          from: now,
          until: new Date(now.getTime() + validity * 1000),
          marginMinutes: windowSettings.marginMinutes,
          isEnabledByDefault: windowSettings.isEnabled,
        })
      : undefined;
  const compile = (seconds: number) =>
    compileLockList(index, staff.id, now, {
      validForSeconds: seconds,
      ...(visitWindows ? { visitWindows } : {}),
    });
  const longest = compile(validity);

  const sign = async (sequence: number): Promise<IssuedCredentials> => {
    // Tickets of staff with many windows (night patrols) may not fit: shorten validity until they do.
    let ticket: Uint8Array | undefined;
    let expiresAt = now;
    let lockCount = 0;
    for (const seconds of [validity, 2 * 86400, 86400, 12 * 3600].filter((s, i) => i === 0 || s < validity)) {
      const list = seconds === validity ? longest : compile(seconds);
      const grants = toLockGrants({
        ...list,
        locks: list.locks.filter((lock) => lock.lockNumber !== undefined),
      });
      expiresAt = new Date(list.validUntil);
      const base = {
        issuer: issuerLabel,
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
    await deps.issuerKeys.noteSigned(request.municipalityId, issuer.kid, expiresAt);
    const signedBlockList = await signedBlockListOf(issuerLabel, issuer, blockList, issuedAt);
    return { ticket, blockList: signedBlockList, issuerKeySet, expiresAt, lockCount };
  };
  return { expiresAt: new Date(longest.validUntil), sign };
}

/**
 * Issues a fresh ticket for a key (sync, phone login): one statement reads the key's context,
 * one takes the ticket sequence. Give it the pool, not a transaction (docs/device-gateway.md
 * "Connections"): every step is one statement on one pooled connection at a time, so a request
 * never holds a connection while it waits for another (twelve concurrent activations used to
 * exhaust the pool that way and freeze the server). Reads outside a transaction see what a READ
 * COMMITTED transaction saw before: each statement its own snapshot.
 */
export async function issueCredentials(
  db: Queryable,
  deps: { issuerKeys: IssuerKeyStore; permissions: PermissionIndexCache },
  request: CredentialRequest & { isActivation: boolean },
): Promise<IssuedCredentials> {
  const context = await readIssueContext(db, request.municipalityId, request.digitalKeyId, request.now);
  const plan = await planCredentials(db, context, deps, request);
  const sequence = await takeTicketSequence(
    db,
    { municipalityId: request.municipalityId, digitalKeyId: request.digitalKeyId },
    {
      isActivation: request.isActivation,
      expiresAt: plan.expiresAt,
      at: request.now,
    },
  );
  return plan.sign(sequence);
}
