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
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { type AppContext } from '../platform/context';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { declareRoutes } from '../platform/declare-routes';
import { listSchema } from '../platform/schemas';
import { registerLockDismountRoutes } from '../registry';
import { createPinResetCode } from './create-pin-reset-code';
import { enrolDevice } from './enrol-device';
import type { IssuerKeyStore } from './issuer-keys';
import { registerKeyBlockListRoutes } from './key-block-list.routes';
import { listDevices } from './list-devices';
import { readBlockListExposure } from './read-block-list-exposure';
import { readKeyActivation } from './read-key-activation';
import { revokeDevice } from './revoke-device';
import { rotateIssuerKey } from './rotate-issuer-key';

export function registerDeviceRoutes(
  fastify: FastifyInstance,
  context: AppContext,
  issuerKeys: IssuerKeyStore,
): void {
  // Lock and key routes of the console fixes (issue #9), in files of their own.
  registerLockDismountRoutes(fastify, context);
  registerKeyBlockListRoutes(fastify, context);
  const routes = declareRoutes(fastify, { tags: ['devices'], context, pathParams: 'uuid' });

  routes.post('/api/v1/devices', {
    summary: 'Enrol a device with the public key it generated itself; returns its certificate',
    description:
      'Locks and keys enrol under their registry id (lockId / keyId), boxes and stations under a new id. Enrolling again replaces the key pair.',
    body: EnrolBody,
    response: EnrolReply,
    status: 201,
    permission: ['device_enrolment', 'create'],
    handle: async ({ request, actor, scope, options }) => {
      const result = await enrolDevice({ ...options, issuerKeys, scope, input: request.body });
      return { ...result, issuerKeys: await issuerKeys.listPublished(actor.municipalityId) };
    },
  });

  routes.get('/api/v1/devices', {
    summary: 'Enrolled devices',
    querystring: DeviceListQuery,
    response: listSchema(Enrolment),
    permission: ['device_enrolment', 'read'],
    handle: async ({ request, scope, options }) => ({
      items: await listDevices({ ...options, scope, input: { kind: request.query.kind } }),
    }),
  });

  routes.delete('/api/v1/devices/:id', {
    summary: 'Revoke a device’s enrolment',
    response: { type: 'null' },
    status: 204,
    permission: ['device_enrolment', 'delete'],
    handle: callUseCase(revokeDevice, inputFrom.params),
  });

  routes.post('/api/v1/keys/:id/pin-reset', {
    summary: 'A one-time code the staff member uses at an activation box to set a new PIN',
    response: PinResetReply,
    status: 201,
    permission: ['digital_key', 'update'],
    handle: async ({ request, scope, options }) => {
      const { code, expiresAt } = await createPinResetCode({
        ...options,
        scope,
        input: { keyId: request.params.id },
      });
      return { code, expiresAt: expiresAt.toISOString() };
    },
  });

  routes.get('/api/v1/keys/:id/activation', {
    summary: 'A key’s activation state: enrolled, PIN set or locked, last activation and ticket expiry',
    response: KeyActivation,
    permission: ['digital_key', 'read'],
    handle: callUseCase(readKeyActivation, inputFrom.idAs('keyId')),
  });

  routes.get('/api/v1/issuer-keys', {
    summary: 'The issuer public keys locks must accept (active and not yet expired retired ones)',
    response: listSchema(PublishedIssuerKey),
    permission: ['issuer_key', 'read'],
    handle: async ({ actor }) => ({ items: await issuerKeys.listPublished(actor.municipalityId) }),
  });

  routes.post('/api/v1/issuer-keys/rotate', {
    summary: 'Retire the signing key and make a new one; the old public key stays until its tickets expire',
    response: Type.Object({ kid: Type.String() }),
    status: 201,
    permission: ['issuer_key', 'update'],
    handle: callUseCase(rotateIssuerKey, inputFrom.none, { issuerKeys }),
  });

  routes.get('/api/v1/block-list', {
    summary: 'The block list, and which version each lock has reported holding (exposure after a block)',
    response: BlockListExposure,
    permission: ['block_list', 'read'],
    handle: async ({ options }) => readBlockListExposure({ ...options }),
  });
}
