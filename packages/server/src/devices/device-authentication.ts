// How the gateway knows who is calling: boxes and stations sign each HTTP request with their
// enrolled key (headers), keys and phones sign a credential request inside the body. Nothing
// here uses a session cookie or a shared password.
import { createHash } from 'node:crypto';
import { buildDeviceSigningInput, deviceRequestHeaders, deviceRequestToleranceSeconds } from '@portvakt/core';
import {
  bytesToUuid,
  parseCredentialRequest,
  parseVisitCheck,
  verifyCredentialRequest,
  verifyVisitCheck,
  verifyEs256,
  type CredentialPurpose,
  type VisitCheck,
  type VisitCheckAction,
} from '@portvakt/protocol';
import {
  findEnrolment,
  listEnrolmentRetiredKeys,
  readActivationContext,
  readIssueContext,
  touchEnrolment,
  useDeviceNonce,
  type EnrolmentRecord,
  type IssueContext,
  type Queryable,
} from '@portvakt/storage';
import { decodeDeviceBytes, DeviceRefusal, publicKeyOf, refuseBadKeySignature } from './credentials';

/** The parts of an HTTP request a device signature covers. */
export interface SignedHttpRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer | undefined;
}

/** An authenticated device and the request nonce it used. */
export interface AuthenticatedDevice {
  enrolment: EnrolmentRecord;
  nonce: Uint8Array;
  /**
   * Signed by a key the enrolment held before it was enrolled again (the replaced phone or key
   * unit): only where `isReplacedAccepted` asked for it (record upload), else refused.
   */
  isReplaced?: boolean;
}

export type EnrolmentReader = (id: string) => Promise<EnrolmentRecord | undefined>;

/**
 * With `deferWrites`, the caller records the nonce and the last-seen time itself, in the
 * statement that also settles the request (activation): one round trip instead of three. `now`
 * is the issuer's clock the device's time is checked against: the server's (`readClock`, which
 * tests fix), the machine's when none is given.
 */
interface AuthenticationOptions {
  readEnrolment?: EnrolmentReader | undefined;
  deferWrites?: boolean;
  now?: Date | undefined;
}

/** Whether a device's signed time is within the tolerance of the issuer's clock. */
const isTimeFresh = (time: number, now: Date | undefined) =>
  Math.abs(time - (now ?? new Date()).getTime() / 1000) <= deviceRequestToleranceSeconds;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const fromB64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));

/**
 * `last_seen_at` is kept to the minute (touchEnrolment writes only when it is older): the
 * enrolment just read tells whether that write could change anything, so a device seen within
 * the last 50 seconds costs no statement at all. The database writes it with its own clock, so
 * this compares with the machine's, not the issuer's clock a test may fix.
 */
export function isSeenLongAgo(enrolment: EnrolmentRecord, now = Date.now()): boolean {
  const seen = enrolment.lastSeenAt ? Date.parse(enrolment.lastSeenAt) : 0;
  return now - seen >= 50_000;
}

/** Reads the issue context of a key in a municipality (`readIssueContext`, or what was prefetched). */
export type IssueContextReader = (
  municipalityId: string,
  digitalKeyId: string,
) => Promise<IssueContext | undefined>;

/**
 * Reads, in one statement, the enrolments of the box (from its header) and of the key (from its
 * credential request, when it parses), and the key's issue context in the box's municipality,
 * for the checks that follow in their usual order: a request that fails the box's check is
 * refused exactly as before, and nothing read is used before the signatures verify against the
 * enrolments read. Any other id, or a context asked for another key or municipality, is read on
 * its own.
 */
export function prefetchActivation(
  db: Queryable,
  request: SignedHttpRequest,
  keyRequest: Uint8Array,
  now: Date,
): { readEnrolment: EnrolmentReader; readContext: IssueContextReader } {
  const boxId = request.headers[deviceRequestHeaders.device];
  let keyId: string | undefined;
  try {
    keyId = bytesToUuid(parseCredentialRequest(keyRequest).request.keyId);
  } catch {
    // authenticateKey refuses it with the parser's reason, after the box's check.
  }
  const readOnItsOwn = {
    readEnrolment: (id: string) => findEnrolment(db, id),
    readContext: (municipalityId: string, digitalKeyId: string) =>
      readIssueContext(db, municipalityId, digitalKeyId, now),
  };
  if (typeof boxId !== 'string' || !uuidPattern.test(boxId) || keyId === undefined) return readOnItsOwn;
  const fetched = readActivationContext(db, { boxId, digitalKeyId: keyId }, now);
  // Settled either way: a failure is reported by whoever awaits it.
  fetched.catch(() => undefined);
  return {
    readEnrolment: async (id) =>
      id === boxId || id === keyId ? (await fetched).enrolments.get(id) : readOnItsOwn.readEnrolment(id),
    readContext: async (municipalityId, digitalKeyId) => {
      const { enrolments, context } = await fetched;
      return digitalKeyId === keyId && enrolments.get(boxId)?.municipalityId === municipalityId
        ? context
        : readOnItsOwn.readContext(municipalityId, digitalKeyId);
    },
  };
}

/** Verifies a box's or station's signed request; returns its enrolment. */
export async function authenticateDevice(
  db: Queryable,
  request: SignedHttpRequest,
  kinds: Array<EnrolmentRecord['kind']>,
  options: AuthenticationOptions = {},
): Promise<AuthenticatedDevice> {
  const header = (name: string) => {
    const value = request.headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  const fail = (message: string) => new DeviceRefusal('malformed', message, 401);
  const deviceId = header(deviceRequestHeaders.device);
  const time = Number(header(deviceRequestHeaders.time));
  const nonce = header(deviceRequestHeaders.nonce);
  const signature = header(deviceRequestHeaders.signature);
  if (
    !deviceId ||
    !/^[0-9a-f-]{36}$/.test(deviceId) ||
    !Number.isInteger(time) ||
    !nonce ||
    !/^[A-Za-z0-9_-]{22}$/.test(nonce) ||
    !signature
  ) {
    throw fail('The request is not signed by an enrolled device.');
  }
  const readEnrolment = options.readEnrolment ?? ((id: string) => findEnrolment(db, id));
  const enrolment = await readEnrolment(deviceId);
  if (!enrolment || !kinds.includes(enrolment.kind)) throw fail('Unknown or revoked device.');
  if (!isTimeFresh(time, options.now)) throw fail('The device clock is too far off.');
  const input = buildDeviceSigningInput({
    method: request.method,
    path: request.url.split('?')[0]!,
    time,
    nonce,
    bodySha256Hex: createHash('sha256')
      .update(request.rawBody ?? Buffer.alloc(0))
      .digest('hex'),
  });
  const key = await publicKeyOf(enrolment.publicJwk);
  if (!(await verifyEs256(key, fromB64(signature), new TextEncoder().encode(input))))
    throw fail('Bad device signature.');
  const nonceBytes = fromB64(nonce);
  if (!options.deferWrites) {
    if (!(await useDeviceNonce(db, { municipalityId: enrolment.municipalityId, id: deviceId }, nonceBytes)))
      throw fail('Replayed request.');
    if (isSeenLongAgo(enrolment)) await touchEnrolment(db, enrolment);
  }
  return { enrolment, nonce: nonceBytes };
}

/** The refusal for a device request whose nonce was seen before. */
export const replayedDeviceRequest = () => new DeviceRefusal('malformed', 'Replayed request.', 401);
/** The refusal for a key's credential request whose nonce was seen before. */
export const replayedKeyRequest = () => new DeviceRefusal('stale-challenge', 'Replayed request.');

/** The refusal for a request signed by a key the enrolment no longer holds (docs/phone-app.md). */
const refuseReplaced = () =>
  new DeviceRefusal(
    'key-mismatch',
    'This device was replaced: its enrolment has been given a new key, so its requests are no longer accepted.',
  );

/**
 * Verifies a device's signed message under its enrolment's key. A signature that key refuses is
 * told apart by the keys the enrolment held before a re-enrolment (read only then, so an accepted
 * request costs nothing more): made by one of them, it is the replaced unit's (`isReplaced`), which
 * the docs answer `key-mismatch` (the phone erases itself); made by no key it ever held, it is
 * `bad-key-signature` as before.
 */
async function verifyUnderEnrolment<T>(
  db: Queryable,
  enrolment: EnrolmentRecord,
  verify: (key: CryptoKey) => Promise<T>,
): Promise<{ value: T; isReplaced: boolean }> {
  try {
    return { value: await verify(await publicKeyOf(enrolment.publicJwk)), isReplaced: false };
  } catch (error) {
    for (const { publicJwk } of await listEnrolmentRetiredKeys(db, enrolment.municipalityId, enrolment.id)) {
      const verified = await verify(await publicKeyOf(publicJwk)).then(
        (value) => ({ value }),
        () => undefined,
      );
      if (verified) return { value: verified.value, isReplaced: true };
    }
    return refuseBadKeySignature(error);
  }
}

/** Verifies a key's (or phone's) own credential request; returns the key's enrolment. */
export async function authenticateKey(
  db: Queryable,
  bytes: Uint8Array,
  purpose: CredentialPurpose,
  options: AuthenticationOptions & {
    municipalityId?: string | undefined;
    /**
     * Lets a request signed by a key the enrolment held before a re-enrolment through (answered
     * `key-mismatch` otherwise): record upload only, so a replaced phone still hands over the
     * lock records it carries (each batch is verified by its own signature at ingest).
     */
    isReplacedAccepted?: boolean;
  } = {},
): Promise<AuthenticatedDevice> {
  const keyId = decodeDeviceBytes(() => bytesToUuid(parseCredentialRequest(bytes).request.keyId));
  const readEnrolment = options.readEnrolment ?? ((id: string) => findEnrolment(db, id));
  const enrolment = await readEnrolment(keyId);
  if (!enrolment || (enrolment.kind !== 'key' && enrolment.kind !== 'phone')) {
    throw new DeviceRefusal('key-mismatch', 'Not an enrolled key.');
  }
  if (options.municipalityId && enrolment.municipalityId !== options.municipalityId) {
    throw new DeviceRefusal('key-mismatch', 'The key belongs to another municipality.');
  }
  const { value: verified, isReplaced } = await verifyUnderEnrolment(db, enrolment, (key) =>
    verifyCredentialRequest(bytes, key),
  );
  if (isReplaced && !options.isReplacedAccepted) throw refuseReplaced();
  if (verified.purpose !== purpose)
    throw new DeviceRefusal('malformed', `Expected a ${purpose} request.`, 400);
  if (!isTimeFresh(verified.time, options.now)) {
    throw new DeviceRefusal('stale-challenge', 'The key’s clock is too far off.');
  }
  if (!options.deferWrites) {
    if (!(await useDeviceNonce(db, { municipalityId: enrolment.municipalityId, id: keyId }, verified.nonce)))
      throw replayedKeyRequest();
    // The enrolment's last-seen time is its current unit's: a replaced one does not touch it.
    if (!isReplaced && isSeenLongAgo(enrolment)) await touchEnrolment(db, enrolment);
  }
  return { enrolment, nonce: verified.nonce, ...(isReplaced ? { isReplaced } : {}) };
}

/**
 * Verifies a phone's signed visit check (check-in or check-out, docs/protocol.md §7.1) the way a
 * credential request is verified: well-formed, signed by the enrolled phone it names, the action
 * the route expects, the phone's clock within the tolerance of `now` (the issuer's clock, which
 * the visit's times come from), and a nonce the phone never used before (a replay is refused as
 * `stale-challenge`). Nothing is recorded for a request that fails before the signature verifies.
 */
export async function authenticateVisitCheck(
  db: Queryable,
  bytes: Uint8Array,
  action: VisitCheckAction,
  now: Date,
): Promise<{ enrolment: EnrolmentRecord; check: VisitCheck }> {
  const phoneId = decodeDeviceBytes(() => bytesToUuid(parseVisitCheck(bytes).check.keyId));
  const enrolment = await findEnrolment(db, phoneId);
  if (!enrolment || enrolment.kind !== 'phone')
    throw new DeviceRefusal('key-mismatch', 'Not an enrolled phone.');
  const { value: check, isReplaced } = await verifyUnderEnrolment(db, enrolment, (key) =>
    verifyVisitCheck(bytes, key),
  );
  if (isReplaced) throw refuseReplaced();
  if (check.action !== action) throw new DeviceRefusal('malformed', `Expected a ${action}.`, 400);
  if (!isTimeFresh(check.time, now))
    throw new DeviceRefusal('stale-challenge', 'The phone’s clock is too far off.');
  if (!(await useDeviceNonce(db, { municipalityId: enrolment.municipalityId, id: phoneId }, check.nonce)))
    throw replayedKeyRequest();
  if (isSeenLongAgo(enrolment)) await touchEnrolment(db, enrolment);
  return { enrolment, check };
}
