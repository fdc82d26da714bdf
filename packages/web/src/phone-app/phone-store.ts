// What the phone app keeps on the phone, in IndexedDB: its enrolment (the non-extractable key pair
// as CryptoKey objects, which IndexedDB stores without ever exposing the private half), what the
// phone carries (ticket, block list, its record chain and the locks' records waiting to upload:
// the devices package's HolderState), and the personal code's verifier.
import type { PhonePlannedVisitsReply } from '@portvakt/contract';
import type { HolderState } from '@portvakt/devices';
import type { CodeVerifier } from './personal-code';

/** An issuer public key the enrolment answer told the phone to trust. */
export interface TrustedIssuerKey {
  kid: string;
  jwk: JsonWebKey;
}

/** Which lock is which door, as the server said while online (kept for offline use). */
export interface PhoneDoorInfo {
  lockId: string;
  lockNumber: number;
  doorLabel: string;
  address: string | null;
}

/** The day's planned visits as the server last answered, and when that was. */
export interface StoredPlannedVisits extends PhonePlannedVisitsReply {
  /** When the answer came (ISO 8601): shown as "uppdaterad HH:MM". */
  fetchedAt: string;
}

export interface StoredPhone {
  /** The registry id of the phone (a digital key of kind phone): also its protocol device id. */
  keyId: string;
  keyPair: CryptoKeyPair;
  issuerKeys: TrustedIssuerKey[];
  /** The holder's name as the work lead saw it when enrolling. */
  holderName: string | null;
  enrolledAt: string;
  username: string | null;
  holder: HolderState | null;
  /**
   * Where this phone's records continue when it replaced an earlier phone of the same phone key
   * (the server's `chainStart`): applied once, to the fresh record log, before `holder` exists.
   */
  chainStart?: { afterSequence: number; prevHash: string } | null;
  code: CodeVerifier | null;
  /** Wrong personal codes in a row; the limit erases the key. */
  wrongCodes: number;
  /** The doors of the phone's lock list, from the server (POST /api/v1/device/doors). */
  doors?: PhoneDoorInfo[];
  /** Today's planned visits as last fetched (POST /api/v1/device/planned-visits), kept for offline reading. */
  plannedVisits?: StoredPlannedVisits;
  /** Milliseconds since the epoch of the last touch; after the idle limit the app locks. */
  lastActiveAt: number;
  /**
   * Locked (by hand or after the idle limit) and not yet unlocked with the personal code: kept, so
   * a reload or a reopened app starts at the lock screen however recently it was used.
   */
  isLocked?: boolean;
  /**
   * Set when the server refused the phone as blocked or replaced while records still waited to
   * upload: the ticket is gone (it opens no door), and the key pair stays only to sign the
   * records' upload, after which everything is erased (docs/phone-app.md "The replaced phone").
   */
  retired?: { reason: 'blocked' | 'revoked'; at: string };
}

/** Why the app erased its key (shown until the phone is set up again). */
export interface ErasedNotice {
  reason: 'blocked' | 'wrong-codes' | 'revoked';
  at: string;
  /** Records that waited to upload and could not be sent before the erasure (none: left out). */
  unsentRecords?: number;
}

const databaseName = 'portvakt-phone';
const stateStore = 'state';
const phoneKey = 'phone';
const erasedKey = 'erased';

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

let opening: Promise<IDBDatabase> | undefined;

function openDatabase(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(databaseName, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(stateStore);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB unavailable'));
  });
  return opening;
}

async function withStore<T>(
  name: string,
  mode: IDBTransactionMode,
  run: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await openDatabase();
  const transaction = db.transaction(name, mode);
  const result = promised(run(transaction.objectStore(name)));
  await new Promise<void>((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
  });
  return result;
}

export async function readStoredPhone(): Promise<StoredPhone | undefined> {
  return (await withStore(stateStore, 'readonly', (s) => s.get(phoneKey))) as StoredPhone | undefined;
}

export async function writeStoredPhone(phone: StoredPhone): Promise<void> {
  await withStore(stateStore, 'readwrite', (s) => s.put(phone, phoneKey));
}

export async function readErasedNotice(): Promise<ErasedNotice | undefined> {
  return (await withStore(stateStore, 'readonly', (s) => s.get(erasedKey))) as ErasedNotice | undefined;
}

export async function clearErasedNotice(): Promise<void> {
  await withStore(stateStore, 'readwrite', (s) => s.delete(erasedKey));
}

/**
 * Erases the key pair, the ticket, the record chain and the personal code's verifier, leaving only
 * why, and how many waiting records went with them (`unsentRecords`, said on the erased screen).
 */
export async function erasePhone(reason: ErasedNotice['reason'], at: Date, unsentRecords = 0): Promise<void> {
  const notice: ErasedNotice = {
    reason,
    at: at.toISOString(),
    ...(unsentRecords > 0 ? { unsentRecords } : {}),
  };
  await withStore(stateStore, 'readwrite', (s) => s.delete(phoneKey));
  await withStore(stateStore, 'readwrite', (s) => s.put(notice, erasedKey));
}
