// Enrolment of devices by the lock side, PIN reset codes by work leads, the issuer keys locks
// trust, and the block list with what each lock has reported holding. Routes validate,
// authenticate, call one use case and present.
import {
  BlockListExposure,
  DeviceListQuery,
  EnrolBody,
  EnrolReply,
  Enrolment,
  KeyActivation,
  PinResetReply,
  PublishedIssuerKey,
} from '@portvakt/contract';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { recordChange } from '../audit';
import { authorise } from '../platform/authorise';
import { requireActor, type AppContext } from '../platform/context';
import { errorResponses, IdParams } from '../platform/schemas';
import { registerLockDismountRoutes } from '../registry';
import { createPinResetCode } from './create-pin-reset-code';
import { enrolDevice } from './enrol-device';
import type { IssuerKeyStore } from './issuer-keys';
import { registerKeyBlockListRoutes } from './key-block-list.routes';
import { listDevices } from './list-devices';
import { readBlockListExposure } from './read-block-list-exposure';
import { readKeyActivation } from './read-key-activation';
import { revokeDevice } from './revoke-device';

export function registerDeviceRoutes(
  fastify: FastifyInstance,
  context: AppContext,
  issuerKeys: IssuerKeyStore,
): void {
  // Lock and key routes of the console fixes (issue #9), in files of their own.
  registerLockDismountRoutes(fastify, context);
  registerKeyBlockListRoutes(fastify, context);
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = context.pool;

  app.post(
    '/api/v1/devices',
    {
      schema: {
        tags: ['devices'],
        summary: 'Enrol a device with the public key it generated itself; returns its certificate',
        description:
          'Locks and keys enrol under their registry id (lockId / keyId), boxes and stations under a new id. Enrolling again replaces the key pair.',
        body: EnrolBody,
        response: { 201: EnrolReply, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const scope = authorise(actor, 'device_enrolment', 'create');
      const result = await enrolDevice({
        db,
        issuerKeys,
        actor,
        scope,
        requestId: request.id,
        input: request.body,
      });
      return reply
        .status(201)
        .send({ ...result, issuerKeys: await issuerKeys.listPublished(actor.municipalityId) });
    },
  );

  app.get(
    '/api/v1/devices',
    {
      schema: {
        tags: ['devices'],
        summary: 'Enrolled devices',
        querystring: DeviceListQuery,
        response: { 200: Type.Object({ items: Type.Array(Enrolment) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scope = authorise(actor, 'device_enrolment', 'read');
      return { items: await listDevices({ db, actor, scope, input: { kind: request.query.kind } }) };
    },
  );

  app.delete(
    '/api/v1/devices/:id',
    {
      schema: {
        tags: ['devices'],
        summary: 'Revoke a device’s enrolment',
        params: IdParams,
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const scope = authorise(actor, 'device_enrolment', 'delete');
      await revokeDevice({ db, actor, scope, requestId: request.id, input: { id: request.params.id } });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/keys/:id/pin-reset',
    {
      schema: {
        tags: ['devices'],
        summary: 'A one-time code the staff member uses at an activation box to set a new PIN',
        params: IdParams,
        response: { 201: PinResetReply, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const scope = authorise(actor, 'digital_key', 'update');
      const { code, expiresAt } = await createPinResetCode({
        db,
        actor,
        scope,
        requestId: request.id,
        input: { keyId: request.params.id },
      });
      return reply.status(201).send({ code, expiresAt: expiresAt.toISOString() });
    },
  );

  app.get(
    '/api/v1/keys/:id/activation',
    {
      schema: {
        tags: ['devices'],
        summary: 'A key’s activation state: enrolled, PIN set or locked, last activation and ticket expiry',
        params: IdParams,
        response: { 200: KeyActivation, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scope = authorise(actor, 'digital_key', 'read');
      return readKeyActivation({ db, actor, scope, input: { keyId: request.params.id } });
    },
  );

  app.get(
    '/api/v1/issuer-keys',
    {
      schema: {
        tags: ['devices'],
        summary: 'The issuer public keys locks must accept (active and not yet expired retired ones)',
        response: { 200: Type.Object({ items: Type.Array(PublishedIssuerKey) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorise(actor, 'issuer_key', 'read');
      return { items: await issuerKeys.listPublished(actor.municipalityId) };
    },
  );

  app.post(
    '/api/v1/issuer-keys/rotate',
    {
      schema: {
        tags: ['devices'],
        summary:
          'Retire the signing key and make a new one; the old public key stays until its tickets expire',
        response: { 201: Type.Object({ kid: Type.String() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      authorise(actor, 'issuer_key', 'update');
      const issuer = await issuerKeys.rotate(actor.municipalityId);
      const kid = Buffer.from(issuer.kid).toString('hex');
      await recordChange(db, actor, {
        action: 'rotate',
        entity: 'issuer_key',
        entityId: kid,
        requestId: request.id,
      });
      return reply.status(201).send({ kid });
    },
  );

  app.get(
    '/api/v1/block-list',
    {
      schema: {
        tags: ['devices'],
        summary: 'The block list, and which version each lock has reported holding (exposure after a block)',
        response: { 200: BlockListExposure, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorise(actor, 'block_list', 'read');
      return readBlockListExposure({ db, actor });
    },
  );
}
