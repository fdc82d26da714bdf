// Where keys meet the server (DESIGN §5): activation boxes, sync stations and phones. Boxes and
// stations sign each request with their enrolled key; keys and phones sign a credential request
// inside it. Nothing here uses a session cookie or a shared password.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { buildDeviceSigningInput, deviceRequestHeaders, deviceRequestToleranceSeconds } from '@portvakt/core';
import {
  bytesToUuid,
  decodeChallenge,
  signTimeAttestation,
  isProtocolError,
  parseCredentialRequest,
  verifyCredentialRequest,
  verifyEs256,
  type CredentialPurpose,
} from '@portvakt/protocol';
import {
  beginPinAttempt,
  closePinResetCode,
  findEnrolment,
  findEnrolments,
  finishPinAttempt,
  lockUsablePinResetCode,
  recordPinResetFailure,
  setPinVerifier,
  touchEnrolment,
  useDeviceNonce,
  appendAudit,
  type EnrolmentRecord,
} from '@portvakt/storage';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { hashSecret } from '../accounts/auth';
import type { AppContext } from '../platform/context';
import { DeviceRefusal, issueCredentials, issuerName, publicKeyOf } from './credentials';
import type { IssuerKeyStore } from './issuer-keys';
import { checkPasswordLogin } from '../accounts/password-login';
import type { PermissionIndexCache } from '../access/permission-index';
import { createPinVerifier, isPinCorrect, isValidPin } from './pin';
import { withTransaction } from '@portvakt/storage';

/** Where uploaded record batches go (the event log); returns what happened to them. */
export type RecordSink = (
  municipalityId: string,
  batches: Uint8Array[],
  source: { kind: 'sync_station' | 'phone'; deviceId: string },
) => Promise<{ stored: number; duplicates: number; findings: string[] }>;

export interface GatewayDeps {
  issuerKeys: IssuerKeyStore;
  permissions: PermissionIndexCache;
  recordSink: RecordSink;
}

const maxPinFailures = 5;
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const fromB64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));
const B64 = (description: string, maxLength = 4096) =>
  Type.String({ pattern: '^[A-Za-z0-9_-]+$', maxLength, description });

declare module 'fastify' {
  interface FastifyRequest {
    rawBody: Buffer | undefined;
  }
}

/**
 * `last_seen_at` is kept to the minute (touchEnrolment writes only when it is older): the
 * enrolment just read tells whether that write could change anything, so a device seen within
 * the last 50 seconds costs no statement at all.
 */
async function touchIfStale(context: AppContext, enrolment: EnrolmentRecord): Promise<void> {
  const seen = enrolment.lastSeenAt ? Date.parse(enrolment.lastSeenAt) : 0;
  if (Date.now() - seen < 50_000) return;
  await touchEnrolment(context.pool, enrolment.id);
}

type EnrolmentReader = (id: string) => Promise<EnrolmentRecord | undefined>;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Reads the enrolments of the box (from its header) and of the key (from its credential request,
 * when it parses) in one statement, for the checks that follow in their usual order: a request
 * that fails the box's check is refused exactly as before. Any other id is read on its own.
 */
function prefetchEnrolments(context: AppContext, request: FastifyRequest, keyRequest: Uint8Array) {
  const ids: string[] = [];
  const boxId = request.headers[deviceRequestHeaders.device];
  if (typeof boxId === 'string' && uuidPattern.test(boxId)) ids.push(boxId);
  try {
    ids.push(bytesToUuid(parseCredentialRequest(keyRequest).request.keyId));
  } catch {
    // authenticateKey refuses it with the parser's reason, after the box's check.
  }
  const fetched = findEnrolments(context.pool, ids);
  // Settled either way: a failure is reported by whoever awaits it.
  fetched.catch(() => undefined);
  return async (id: string) => (ids.includes(id) ? (await fetched).get(id) : findEnrolment(context.pool, id));
}

/** Verifies a box's or station's signed request; returns its enrolment. */
async function authenticateDevice(
  context: AppContext,
  request: FastifyRequest,
  kinds: Array<EnrolmentRecord['kind']>,
  readEnrolment: EnrolmentReader = (id) => findEnrolment(context.pool, id),
): Promise<EnrolmentRecord> {
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
  const enrolment = await readEnrolment(deviceId);
  if (!enrolment || !kinds.includes(enrolment.kind)) throw fail('Unknown or revoked device.');
  if (Math.abs(time - Date.now() / 1000) > deviceRequestToleranceSeconds)
    throw fail('The device clock is too far off.');
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
  if (!(await useDeviceNonce(context.pool, deviceId, fromB64(nonce)))) throw fail('Replayed request.');
  await touchIfStale(context, enrolment);
  return enrolment;
}

/** Verifies a key's (or phone's) own credential request; returns the key's enrolment. */
async function authenticateKey(
  context: AppContext,
  bytes: Uint8Array,
  purpose: CredentialPurpose,
  municipalityId?: string,
  readEnrolment: EnrolmentReader = (id) => findEnrolment(context.pool, id),
): Promise<EnrolmentRecord> {
  let keyId: string;
  try {
    keyId = bytesToUuid(parseCredentialRequest(bytes).request.keyId);
  } catch (error) {
    if (isProtocolError(error)) throw new DeviceRefusal('malformed', error.message, 400);
    throw error;
  }
  const enrolment = await readEnrolment(keyId);
  if (!enrolment || (enrolment.kind !== 'key' && enrolment.kind !== 'phone')) {
    throw new DeviceRefusal('key-mismatch', 'Not an enrolled key.');
  }
  if (municipalityId && enrolment.municipalityId !== municipalityId) {
    throw new DeviceRefusal('key-mismatch', 'The key belongs to another municipality.');
  }
  const verified = await verifyCredentialRequest(bytes, await publicKeyOf(enrolment.publicJwk)).catch(
    (error: unknown) => {
      throw new DeviceRefusal('bad-key-signature', (error as Error).message);
    },
  );
  if (verified.purpose !== purpose)
    throw new DeviceRefusal('malformed', `Expected a ${purpose} request.`, 400);
  if (Math.abs(verified.time - Date.now() / 1000) > deviceRequestToleranceSeconds) {
    throw new DeviceRefusal('stale-challenge', 'The key’s clock is too far off.');
  }
  if (!(await useDeviceNonce(context.pool, keyId, verified.nonce)))
    throw new DeviceRefusal('stale-challenge', 'Replayed request.');
  await touchIfStale(context, enrolment);
  return enrolment;
}

async function recordDeviceEvent(
  context: AppContext,
  municipalityId: string,
  event: { action: string; keyId: string; deviceLabel: string; after?: unknown },
): Promise<void> {
  await appendAudit(context.pool, {
    municipalityId,
    actorLabel: event.deviceLabel,
    action: event.action,
    entity: 'digital_key',
    entityId: event.keyId,
    after: event.after,
    source: 'device',
  });
}

/** The device gateway: activation, PIN setting, sync, phone login, record upload. */
export function registerDeviceGatewayRoutes(
  app: FastifyInstance,
  context: AppContext,
  deps: GatewayDeps,
): void {
  // Keep the exact body bytes: a device's signature covers their hash.
  app.addHook('preParsing', async (request, _reply, payload) => {
    if (!request.url.startsWith('/api/v1/device/')) return payload;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload) {
      size += (chunk as Buffer).length;
      if (size > 8 * 1024 * 1024) break;
      chunks.push(chunk as Buffer);
    }
    request.rawBody = Buffer.concat(chunks);
    return Readable.from([request.rawBody]);
  });

  const credentialsReply = Type.Object({
    ticket: B64('COSE_Sign1 access ticket', 16_384),
    blockList: B64('COSE_Sign1 signed block list', 65_536),
    issuerKeySet: B64('COSE_Sign1 signed issuer key set', 16_384),
    expiresAt: Type.String({ format: 'date-time' }),
    lockCount: Type.Integer(),
  });
  const refusal = Type.Object({ code: Type.String(), message: Type.String() });
  const responses = { 200: credentialsReply, 400: refusal, 401: refusal, 403: refusal };
  const present = (issued: Awaited<ReturnType<typeof issueCredentials>>) => ({
    ticket: b64(issued.ticket),
    blockList: b64(issued.blockList),
    issuerKeySet: b64(issued.issuerKeySet),
    expiresAt: issued.expiresAt.toISOString(),
    lockCount: issued.lockCount,
  });

  app.post(
    '/api/v1/device/activate',
    {
      config: { isPublic: true },
      schema: {
        tags: ['device gateway'],
        summary: 'Activation box: a staff member activates their key with the PIN; returns a fresh ticket',
        body: Type.Object(
          {
            request: B64('credential request (purpose activation) signed by the key', 512),
            pin: Type.String({ maxLength: 16 }),
          },
          { additionalProperties: false },
        ),
        response: responses,
      },
    },
    async (request) => {
      const body = request.body as { request: string; pin: string };
      const keyRequest = fromB64(body.request);
      const readEnrolment = prefetchEnrolments(context, request, keyRequest);
      const box = await authenticateDevice(context, request, ['activation_box'], readEnrolment);
      const key = await authenticateKey(context, keyRequest, 'activation', box.municipalityId, readEnrolment);
      const keyId = key.digitalKeyId!;
      // The PIN is checked against this key's verifier only (R1.3), and counted on the server too.
      // Counted first, checked after, each step one statement: no connection or row lock is held
      // while the PIN is checked (docs/device-gateway.md "Connections").
      const attempt = await beginPinAttempt(context.pool, keyId, maxPinFailures);
      let verdict: 'ok' | 'no-pin' | 'locked' | 'wrong';
      if (attempt.kind !== 'counted') verdict = attempt.kind;
      else {
        const isCorrect = await isPinCorrect(body.pin, keyId, attempt.verifier, context.masterKey);
        await finishPinAttempt(context.pool, keyId, {
          isCorrect,
          attempt: attempt.attempt,
          maxFailures: maxPinFailures,
        });
        verdict = isCorrect ? 'ok' : attempt.attempt >= maxPinFailures ? 'locked' : 'wrong';
      }
      if (verdict !== 'ok') {
        await recordDeviceEvent(context, box.municipalityId, {
          action: 'activation_refused',
          keyId,
          deviceLabel: box.label ?? box.id,
          after: { reason: verdict },
        });
        if (verdict === 'wrong') throw new DeviceRefusal('wrong-pin', 'Wrong PIN for this key.');
        throw new DeviceRefusal('pin-locked-out', 'The PIN is locked; ask your work lead for a reset code.');
      }
      const issued = await issueCredentials(context.pool, deps, {
        municipalityId: box.municipalityId,
        digitalKeyId: keyId,
        isActivation: true,
      });
      await recordDeviceEvent(context, box.municipalityId, {
        action: 'activate',
        keyId,
        deviceLabel: box.label ?? box.id,
        after: { expiresAt: issued.expiresAt.toISOString(), locks: issued.lockCount },
      });
      return present(issued);
    },
  );

  app.post(
    '/api/v1/device/set-pin',
    {
      config: { isPublic: true },
      schema: {
        tags: ['device gateway'],
        summary: 'Activation box: set a new PIN with the one-time code from the work lead',
        body: Type.Object(
          {
            request: B64('credential request (purpose activation) signed by the key', 512),
            code: Type.String({ pattern: '^[0-9]{8}$' }),
            pin: Type.String({ maxLength: 16 }),
          },
          { additionalProperties: false },
        ),
        response: { 204: { type: 'null' }, 400: refusal, 401: refusal, 403: refusal },
      },
    },
    async (request, reply) => {
      const box = await authenticateDevice(context, request, ['activation_box']);
      const body = request.body as { request: string; code: string; pin: string };
      if (!isValidPin(body.pin)) throw new DeviceRefusal('malformed', 'A PIN is 4 to 8 digits.', 400);
      const key = await authenticateKey(context, fromB64(body.request), 'activation', box.municipalityId);
      const keyId = key.digitalKeyId!;
      const verifier = createPinVerifier(body.pin, keyId, context.masterKey);
      const isSet = await withTransaction(context.pool, async (client) => {
        const code = await lockUsablePinResetCode(client, keyId);
        if (!code) return false;
        if (!hashSecret(body.code).equals(code.codeHash)) {
          // Three wrong codes burn it: an 8-digit code cannot be guessed that way.
          if ((await recordPinResetFailure(client, code.id)) >= 3) await closePinResetCode(client, code.id);
          return false;
        }
        await closePinResetCode(client, code.id);
        await setPinVerifier(client, keyId, verifier);
        return true;
      });
      await recordDeviceEvent(context, box.municipalityId, {
        action: isSet ? 'set_pin' : 'set_pin_refused',
        keyId,
        deviceLabel: box.label ?? box.id,
      });
      if (!isSet) throw new DeviceRefusal('wrong-pin', 'The code is wrong, used or expired.');
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/device/sync',
    {
      config: { isPublic: true },
      schema: {
        tags: ['device gateway'],
        summary: 'Sync station: a fresh ticket (same activation) and the current block list for a key',
        body: Type.Object(
          { request: B64('credential request (purpose sync) signed by the key', 512) },
          { additionalProperties: false },
        ),
        response: responses,
      },
    },
    async (request) => {
      const station = await authenticateDevice(context, request, ['sync_station']);
      const key = await authenticateKey(
        context,
        fromB64((request.body as { request: string }).request),
        'sync',
        station.municipalityId,
      );
      const issued = await issueCredentials(context.pool, deps, {
        municipalityId: station.municipalityId,
        digitalKeyId: key.digitalKeyId!,
        isActivation: false,
      });
      return present(issued);
    },
  );

  app.post(
    '/api/v1/device/login',
    {
      config: { isPublic: true },
      schema: {
        tags: ['device gateway'],
        summary: 'Phone app: log in with the staff member’s account; returns a ticket for this phone',
        body: Type.Object(
          {
            request: B64('credential request (purpose login) signed by the phone’s key', 512),
            username: Type.String({ minLength: 1, maxLength: 100 }),
            password: Type.String({ minLength: 1, maxLength: 200 }),
          },
          { additionalProperties: false },
        ),
        response: { ...responses, 429: refusal },
      },
    },
    async (request, reply) => {
      const body = request.body as { request: string; username: string; password: string };
      const phone = await authenticateKey(context, fromB64(body.request), 'login');
      if (phone.kind !== 'phone') throw new DeviceRefusal('key-mismatch', 'Only phones log in.');
      const holder = await context.pool.query<{ holder: string | null }>(
        'SELECT holder_staff_member_id AS holder FROM digital_key WHERE id = $1',
        [phone.digitalKeyId],
      );
      // The same throttle, lockout, failure audit and unknown-account timing as the web login.
      const login = await checkPasswordLogin(context.pool, {
        username: body.username,
        password: body.password,
        address: request.ip,
        requestId: request.id,
        channel: 'phone',
        isAcceptable: (user) => user.role === 'staff' && user.staffMemberId === holder.rows[0]?.holder,
        auditDetails: { keyId: phone.digitalKeyId },
      });
      if (login.kind === 'locked') {
        const minutes = Math.max(1, Math.ceil((login.lockedUntil.getTime() - Date.now()) / 60_000));
        void reply.header('retry-after', String(minutes * 60));
        throw new DeviceRefusal(
          'login-required',
          `Too many failed attempts; try again in ${minutes} minutes.`,
          429,
        );
      }
      if (login.kind === 'refused')
        throw new DeviceRefusal('login-required', 'Wrong username or password for this phone.');
      const user = login.user;
      const shiftHours = 12;
      const issued = await issueCredentials(context.pool, deps, {
        municipalityId: phone.municipalityId,
        digitalKeyId: phone.digitalKeyId!,
        isActivation: true,
        // A phone's activation is its login; its ticket lasts one shift (a modified app cannot stretch it).
        maxValiditySeconds: shiftHours * 3600,
      });
      await recordDeviceEvent(context, phone.municipalityId, {
        action: 'phone_login',
        keyId: phone.digitalKeyId!,
        deviceLabel: user.username,
      });
      return present(issued);
    },
  );

  app.post(
    '/api/v1/device/time',
    {
      config: { isPublic: true },
      schema: {
        tags: ['device gateway'],
        summary:
          'A signed statement of the issuer’s time for one lock challenge (corrects a lock clock set wrong)',
        description:
          'Public: it only states the true time, bound to the lock’s fresh challenge so it cannot be replayed at another lock or later.',
        body: Type.Object(
          { challenge: B64('the lock’s challenge as sent', 256) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ attestation: B64('COSE_Sign1 time attestation', 1024) }),
          400: refusal,
        },
      },
    },
    async (request) => {
      let challenge: ReturnType<typeof decodeChallenge>;
      try {
        challenge = decodeChallenge(fromB64((request.body as { challenge: string }).challenge));
      } catch (error) {
        if (isProtocolError(error)) throw new DeviceRefusal('malformed', error.message, 400);
        throw error;
      }
      const { rows } = await context.pool.query<{ municipalityId: string; code: string }>(
        `SELECT l.municipality_id AS "municipalityId", m.code FROM lock_device l JOIN municipality m ON m.id = l.municipality_id
         WHERE l.lock_number = $1`,
        [challenge.lock],
      );
      // Lock numbers are per municipality; answer only when the number names exactly one lock.
      if (rows.length !== 1) throw new DeviceRefusal('wrong-lock', 'Unknown lock number.', 400);
      const attestation = await signTimeAttestation(
        {
          issuer: issuerName(rows[0]!.code),
          lock: challenge.lock,
          nonce: challenge.nonce,
          time: Math.floor(Date.now() / 1000),
        },
        await deps.issuerKeys.getActive(rows[0]!.municipalityId),
      );
      return { attestation: b64(attestation) };
    },
  );

  app.post(
    '/api/v1/device/records',
    {
      config: { isPublic: true },
      schema: {
        tags: ['device gateway'],
        summary: 'Sync station or phone: upload event-record batches (verified and stored once each)',
        body: Type.Object(
          {
            batches: Type.Array(B64('record batch', 2_000_000), { maxItems: 64 }),
            request: Type.Optional(B64('phones: credential request (purpose sync) signed by the phone', 512)),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            stored: Type.Integer(),
            duplicates: Type.Integer(),
            findings: Type.Array(Type.String()),
          }),
          400: refusal,
          401: refusal,
          403: refusal,
        },
      },
    },
    async (request) => {
      const body = request.body as { batches: string[]; request?: string };
      let source: { kind: 'sync_station' | 'phone'; deviceId: string; municipalityId: string };
      if (body.request) {
        const phone = await authenticateKey(context, fromB64(body.request), 'sync');
        source = { kind: 'phone', deviceId: phone.id, municipalityId: phone.municipalityId };
      } else {
        // Keys hand over their records wherever they meet the server: station or activation box.
        const station = await authenticateDevice(context, request, ['sync_station', 'activation_box']);
        source = { kind: 'sync_station', deviceId: station.id, municipalityId: station.municipalityId };
      }
      return deps.recordSink(source.municipalityId, body.batches.map(fromB64), {
        kind: source.kind,
        deviceId: source.deviceId,
      });
    },
  );
}
