// Where keys meet the server (DESIGN §5): activation boxes, sync stations and phones. Routes
// here validate, authenticate the calling device, call one use case and present its answer
// (docs/device-gateway.md). Nothing here uses a session cookie or a shared password.
import { Readable } from 'node:stream';
import {
  ActivateBody,
  CredentialsReply,
  DeviceRefusalBody,
  PhoneDoorsBody,
  PhoneDoorsReply,
  PhoneLoginBody,
  PhonePlannedVisitsBody,
  PhonePlannedVisitsReply,
  RecordsBody,
  RecordsReply,
  SetPinBody,
  SyncBody,
  TimeBody,
  TimeReply,
  VisitCheckBody,
  VisitCheckReply,
} from '@portvakt/contract';
import type { VisitCheckAction } from '@portvakt/protocol';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest, RequestPayload } from 'fastify';
import type { TSchema } from 'typebox';
import { readClock, type AppContext } from '../platform/context';
import { checkInVisit, checkOutVisit, listPhonePlannedVisits } from '../visits';
import { activateKey } from './activate-key';
import { attestTime } from './attest-time';
import { DeviceRefusal, type IssuedCredentials } from './credentials';
import {
  authenticateDevice,
  authenticateKey,
  authenticateVisitCheck,
  fromB64,
  prefetchActivation,
} from './device-authentication';
import type { GatewayDeps } from './gateway-deps';
import { phoneLogin } from './phone-login';
import { readPhoneDoors } from './read-phone-doors';
import { setPin } from './set-pin';
import { syncKey } from './sync-key';
import { uploadRecords } from './upload-records';

export type { GatewayDeps, RecordSink } from './gateway-deps';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

declare module 'fastify' {
  interface FastifyRequest {
    rawBody: Buffer | undefined;
  }
}

const present = (issued: IssuedCredentials) => ({
  ticket: b64(issued.ticket),
  blockList: b64(issued.blockList),
  issuerKeySet: b64(issued.issuerKeySet),
  expiresAt: issued.expiresAt.toISOString(),
  lockCount: issued.lockCount,
});

const tags = ['device gateway'];
const refusals = { 400: DeviceRefusalBody, 401: DeviceRefusalBody, 403: DeviceRefusalBody };
const credentialResponses = { 200: CredentialsReply, ...refusals };

/** Keeps the exact body bytes: a device's signature covers their hash. */
async function keepRawBody(request: FastifyRequest, _reply: FastifyReply, payload: RequestPayload) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    size += (chunk as Buffer).length;
    if (size > 8 * 1024 * 1024) break;
    chunks.push(chunk as Buffer);
  }
  request.rawBody = Buffer.concat(chunks);
  return Readable.from([request.rawBody]);
}

/**
 * A gateway route's options: public to sessions and cookies (the device signs instead, and each
 * handler authenticates it), its raw body kept (on these routes alone: no other request pays for
 * the hook), listed under the gateway in the OpenAPI document.
 */
const gatewayRoute = <
  Schema extends { summary: string; description?: string; body: TSchema; response: object },
>(
  schema: Schema,
) => ({ config: { isPublic: true }, preParsing: keepRawBody, schema: { tags, ...schema } });

/** The device gateway: activation, PIN setting, sync, phone login, time, record upload, phone visits. */
export function registerDeviceGatewayRoutes(
  fastify: FastifyInstance,
  context: AppContext,
  deps: GatewayDeps,
): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = context.pool;

  app.post(
    '/api/v1/device/activate',
    gatewayRoute({
      summary: 'Activation box: a staff member activates their key with the PIN; returns a fresh ticket',
      body: ActivateBody,
      response: credentialResponses,
    }),
    async (request) => {
      const now = readClock(context);
      const keyRequest = fromB64(request.body.request);
      // One statement reads the box's and the key's enrolments and the key's issue context; their
      // nonces are written later, with the PIN attempt (docs/device-gateway.md "Activation").
      const { readEnrolment, readContext } = prefetchActivation(db, request, keyRequest, now);
      const box = await authenticateDevice(db, request, ['activation_box'], {
        readEnrolment,
        deferWrites: true,
        now,
      });
      const issued = await activateKey({
        db,
        deps,
        masterKey: context.masterKey,
        actor: box,
        readEnrolment,
        readContext,
        input: { request: keyRequest, pin: request.body.pin },
        now,
      });
      return present(issued);
    },
  );

  app.post(
    '/api/v1/device/set-pin',
    gatewayRoute({
      summary: 'Activation box: set a new PIN with the one-time code from the work lead',
      body: SetPinBody,
      response: { 204: { type: 'null' }, ...refusals },
    }),
    async (request, reply) => {
      const now = readClock(context);
      const box = await authenticateDevice(db, request, ['activation_box'], { now });
      const { code, pin } = request.body;
      await setPin({
        db,
        masterKey: context.masterKey,
        actor: box,
        input: { request: fromB64(request.body.request), code, pin },
        now,
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/device/sync',
    gatewayRoute({
      summary: 'Sync station: a fresh ticket (same activation) and the current block list for a key',
      body: SyncBody,
      response: credentialResponses,
    }),
    async (request) => {
      const now = readClock(context);
      const station = await authenticateDevice(db, request, ['sync_station'], { now });
      return present(
        await syncKey({ db, deps, actor: station, input: { request: fromB64(request.body.request) }, now }),
      );
    },
  );

  app.post(
    '/api/v1/device/login',
    gatewayRoute({
      summary: 'Phone app: log in with the staff member’s account; returns a ticket for this phone',
      body: PhoneLoginBody,
      response: { ...credentialResponses, 429: DeviceRefusalBody },
    }),
    async (request, reply) => {
      const result = await phoneLogin({
        db,
        deps,
        input: {
          request: fromB64(request.body.request),
          username: request.body.username,
          password: request.body.password,
          address: request.ip,
          requestId: request.id,
        },
        now: readClock(context),
      });
      if (result.kind === 'locked') {
        void reply.header('retry-after', String(result.retryAfterMinutes * 60));
        return reply.status(429).send({
          code: 'login-required',
          message: `Too many failed attempts; try again in ${result.retryAfterMinutes} minutes.`,
        });
      }
      return present(result.credentials);
    },
  );

  app.post(
    '/api/v1/device/time',
    gatewayRoute({
      summary:
        'A signed statement of the issuer’s time for one lock challenge (corrects a lock clock set wrong)',
      description:
        'For an enrolled device: a phone sends a credential request (purpose sync) it signed, a box or station signs the HTTP request. The lock is looked up by its number in that device’s municipality only, and the time is signed by that municipality’s issuer key, bound to the lock’s fresh challenge so it cannot be replayed at another lock or later.',
      body: TimeBody,
      response: { 200: TimeReply, ...refusals },
    }),
    async (request) => {
      const now = readClock(context);
      const phoneRequest = request.body.request;
      const { enrolment } = phoneRequest
        ? await authenticateKey(db, fromB64(phoneRequest), 'sync', { now })
        : await authenticateDevice(db, request, ['activation_box', 'sync_station', 'key_cabinet'], { now });
      const attestation = await attestTime({
        db,
        issuerKeys: deps.issuerKeys,
        actor: enrolment,
        input: { challenge: fromB64(request.body.challenge) },
        now,
      });
      return { attestation: b64(attestation) };
    },
  );

  // A phone's check-in and check-out (docs/device-gateway.md "Phone visits"): the phone is
  // authenticated by the visit check it signed, then a visit use case decides and writes.
  const registerPhoneVisit = async (
    action: VisitCheckAction,
    request: { body: { request: string }; id: string },
  ) => {
    const now = readClock(context);
    const bytes = fromB64(request.body.request);
    const { enrolment, check } = await authenticateVisitCheck(db, bytes, action, now);
    const options = {
      db,
      input: {
        phone: {
          enrolmentId: enrolment.id,
          digitalKeyId: enrolment.digitalKeyId!,
          municipalityId: enrolment.municipalityId,
          label: enrolment.label ?? enrolment.id,
        },
        check,
        request: bytes,
      },
      now,
      requestId: request.id,
    };
    const answer =
      action === 'check-in'
        ? await checkInVisit({ ...options, permissions: deps.permissions })
        : await checkOutVisit(options);
    return {
      visitId: answer.visitId,
      state: answer.state,
      arrival: answer.arrival.toISOString(),
      departure: answer.departure?.toISOString() ?? null,
    };
  };
  const visitRefusals = {
    ...refusals,
    404: DeviceRefusalBody,
    409: DeviceRefusalBody,
    422: DeviceRefusalBody,
  };

  app.post(
    '/api/v1/device/visits/check-in',
    gatewayRoute({
      summary:
        'Phone app: check in at a customer (a visit with source phone opens; a lock visit its own key turn began up to 15 minutes before is voided and confirms it)',
      body: VisitCheckBody,
      response: { 201: VisitCheckReply, ...visitRefusals },
    }),
    async (request, reply) => reply.status(201).send(await registerPhoneVisit('check-in', request)),
  );

  app.post(
    '/api/v1/device/visits/check-out',
    gatewayRoute({
      summary: 'Phone app: check out at a customer (the open check-in is completed)',
      body: VisitCheckBody,
      response: { 200: VisitCheckReply, ...visitRefusals },
    }),
    async (request) => registerPhoneVisit('check-out', request),
  );

  app.post(
    '/api/v1/device/doors',
    gatewayRoute({
      summary: 'Phone app: which lock is which door (registry id, door, address) for its holder now',
      body: PhoneDoorsBody,
      response: { 200: PhoneDoorsReply, ...refusals },
    }),
    async (request) =>
      readPhoneDoors({ db, deps, request: fromB64(request.body.request), now: readClock(context) }),
  );

  // The phone app's "Dagens besök" (docs/phone-app.md): authenticated like the door list, by a
  // sync request the phone signed; a visits use case decides what the holder may see.
  app.post(
    '/api/v1/device/planned-visits',
    gatewayRoute({
      summary: "Phone app: today's planned visits at the customers its holder's teams serve",
      body: PhonePlannedVisitsBody,
      response: { 200: PhonePlannedVisitsReply, ...refusals },
    }),
    async (request) => {
      const now = readClock(context);
      const { enrolment } = await authenticateKey(db, fromB64(request.body.request), 'sync', { now });
      if (enrolment.kind !== 'phone')
        throw new DeviceRefusal('key-mismatch', 'Only phones ask for their planned visits.');
      return listPhonePlannedVisits({
        db,
        phone: { digitalKeyId: enrolment.digitalKeyId!, municipalityId: enrolment.municipalityId },
        now,
      });
    },
  );

  app.post(
    '/api/v1/device/records',
    gatewayRoute({
      summary: 'Sync station or phone: upload event-record batches (verified and stored once each)',
      body: RecordsBody,
      response: { 200: RecordsReply, ...refusals },
    }),
    async (request) => {
      const { batches, request: phoneRequest } = request.body;
      return uploadRecords({
        db,
        recordSink: deps.recordSink,
        request,
        input: {
          batches: batches.map(fromB64),
          phoneRequest: phoneRequest ? fromB64(phoneRequest) : undefined,
        },
        now: readClock(context),
      });
    },
  );
}
