// Enrolment of devices by the lock side, PIN reset codes by work leads, the issuer keys locks
// trust, and the block list with what each lock has reported holding.
import { randomInt } from 'node:crypto';
import { decideAccess, findEntity as findEntityDefinition } from '@portvakt/core';
import {
  exportPublicCoordinates,
  importPublicJwk,
  signDeviceCertificate,
  uuidToBytes,
  type DeviceKind as ProtocolDeviceKind,
} from '@portvakt/protocol';
import {
  assignLockNumber,
  findAnyEnrolment,
  findEnrolment,
  findEntity,
  findMunicipality,
  insertEnrolment,
  insertPinResetCode,
  listEnrolments,
  readBlockList,
  readKeyActivationState,
  replaceEnrolmentKey,
  revokeEnrolment,
  setEnrolmentCertificate,
  type DeviceKind,
} from '@portvakt/storage';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { recordChange } from '../audit/audit';
import { hashSecret } from '../accounts/auth';
import { requireActor, type AppContext } from '../platform/context';
import { issuerName } from './credentials';
import { ApiError, forbidden, notFound } from '../platform/errors';
import type { IssuerKeyStore } from './issuer-keys';
import { registerKeyBlockListRoutes } from './key-block-list.routes';
import { registerLockDismountRoutes } from '../registry/lock-dismount.routes';
import { authorise } from '../registry/registry.routes';
import { errorResponses, IdParams } from '../platform/schemas';
import { withTransaction } from '@portvakt/storage';

const keyEntity = findEntityDefinition('digital_key');
const lockEntity = findEntityDefinition('lock_device');
const protocolKinds: Record<DeviceKind, ProtocolDeviceKind> = {
  lock: 'lock',
  key: 'key',
  phone: 'phone',
  activation_box: 'activation-box',
  sync_station: 'sync-station',
};

const Jwk = Type.Object(
  {
    kty: Type.Literal('EC'),
    crv: Type.Literal('P-256'),
    x: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }),
    y: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }),
  },
  { additionalProperties: true },
);
const Enrolment = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  lockDeviceId: Type.Union([Type.String(), Type.Null()]),
  digitalKeyId: Type.Union([Type.String(), Type.Null()]),
  label: Type.Union([Type.String(), Type.Null()]),
  publicJwk: Type.Object({ kty: Type.String(), crv: Type.String(), x: Type.String(), y: Type.String() }),
  enrolledBy: Type.String(),
  enrolledAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  lastSeenAt: Type.Union([Type.String(), Type.Null()]),
});
const PublishedKey = Type.Object({
  kid: Type.String(),
  jwk: Type.Unknown(),
  createdAt: Type.String(),
  retiredAt: Type.Union([Type.String(), Type.Null()]),
  signedUntil: Type.Union([Type.String(), Type.Null()]),
});

export function registerDeviceRoutes(
  app: FastifyInstance,
  context: AppContext,
  issuerKeys: IssuerKeyStore,
): void {
  // Lock and key routes of the console fixes (issue #9), in files of their own.
  registerLockDismountRoutes(app, context);
  registerKeyBlockListRoutes(app, context);

  app.post(
    '/api/v1/devices',
    {
      schema: {
        tags: ['devices'],
        summary: 'Enrol a device with the public key it generated itself; returns its certificate',
        description:
          'Locks and keys enrol under their registry id (lockId / keyId), boxes and stations under a new id. Enrolling again replaces the key pair.',
        body: Type.Object(
          {
            kind: Type.Enum(['lock', 'key', 'phone', 'activation_box', 'sync_station']),
            publicJwk: Jwk,
            lockId: Type.Optional(Type.String({ format: 'uuid' })),
            keyId: Type.Optional(Type.String({ format: 'uuid' })),
            label: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            enrolment: Enrolment,
            certificate: Type.String({ description: 'COSE_Sign1 enrolment certificate, base64url' }),
            lockNumber: Type.Union([Type.Integer(), Type.Null()]),
            issuerKeys: Type.Array(PublishedKey),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const scope = authorise(actor, 'device_enrolment', 'create');
      const body = request.body as {
        kind: DeviceKind;
        publicJwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
        lockId?: string;
        keyId?: string;
        label?: string;
      };
      const publicKey = await importPublicJwk(body.publicJwk).catch(() => {
        throw new ApiError(400, 'invalid_public_key', 'The public key is not a valid P-256 point.');
      });
      if (scope.kind === 'provider' && body.kind !== 'key' && body.kind !== 'phone') {
        throw forbidden('Work leads enrol only their provider’s keys and phones.');
      }
      const result = await withTransaction(context.pool, async (client) => {
        let deviceId: string | undefined;
        let lockNumber: number | null = null;
        if (body.kind === 'lock') {
          if (!body.lockId || body.keyId)
            throw new ApiError(422, 'lock_required', 'A lock enrols with lockId (and no keyId).');
          const lock = await findEntity(
            client,
            lockEntity,
            { kind: 'municipality', municipalityId: actor.municipalityId },
            body.lockId,
          );
          if (!lock)
            throw new ApiError(422, 'unknown_reference', `No lock with id ${body.lockId}.`, {
              field: 'lockId',
            });
          deviceId = body.lockId;
          lockNumber = await assignLockNumber(client, actor.municipalityId, body.lockId);
        } else if (body.kind === 'key' || body.kind === 'phone') {
          if (!body.keyId || body.lockId)
            throw new ApiError(422, 'key_required', 'A key or phone enrols with keyId (and no lockId).');
          const keyScope = decideAccess(actor, 'digital_key', 'read');
          const key = keyScope ? await findEntity(client, keyEntity, keyScope, body.keyId) : undefined;
          if (!key)
            throw new ApiError(422, 'unknown_reference', `No key with id ${body.keyId}.`, { field: 'keyId' });
          if ((key.kind === 'phone') !== (body.kind === 'phone')) {
            throw new ApiError(422, 'kind_mismatch', `That key is registered as a ${String(key.kind)}.`);
          }
          deviceId = body.keyId;
        } else if (body.lockId || body.keyId) {
          throw new ApiError(
            422,
            'unexpected_reference',
            'Boxes and stations enrol without lockId or keyId.',
          );
        }
        const existing = deviceId ? await findAnyEnrolment(client, deviceId) : undefined;
        const enrolment = existing
          ? await replaceEnrolmentKey(client, existing.id, {
              publicJwk: body.publicJwk,
              enrolledBy: actor.label,
              label: body.label ?? null,
            })
          : await insertEnrolment(client, {
              ...(deviceId ? { id: deviceId } : {}),
              municipalityId: actor.municipalityId,
              kind: body.kind,
              lockDeviceId: body.kind === 'lock' ? deviceId! : null,
              digitalKeyId: body.kind === 'key' || body.kind === 'phone' ? deviceId! : null,
              label: body.label ?? null,
              publicJwk: body.publicJwk,
              enrolledBy: actor.label,
            });
        const municipality = (await findMunicipality(client, actor.municipalityId))!;
        const certificate = await signDeviceCertificate(
          {
            issuer: issuerName(municipality.code),
            deviceId: uuidToBytes(enrolment.id),
            kind: protocolKinds[body.kind],
            publicKey: await exportPublicCoordinates(publicKey),
            issuedAt: Math.floor(Date.now() / 1000),
            ...(lockNumber !== null ? { lock: lockNumber } : {}),
          },
          await issuerKeys.getActive(actor.municipalityId),
        );
        await setEnrolmentCertificate(client, enrolment.id, certificate);
        await recordChange(client, actor, {
          action: existing ? 're_enrol' : 'enrol',
          entity: 'device_enrolment',
          entityId: enrolment.id,
          before: existing,
          after: enrolment,
          requestId: request.id,
        });
        return { enrolment, certificate: Buffer.from(certificate).toString('base64url'), lockNumber };
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
        querystring: Type.Object(
          { kind: Type.Optional(Type.Enum(['lock', 'key', 'phone', 'activation_box', 'sync_station'])) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Enrolment) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scope = authorise(actor, 'device_enrolment', 'read');
      let items = await listEnrolments(
        context.pool,
        actor.municipalityId,
        (request.query as { kind?: string }).kind,
      );
      if (scope.kind === 'provider') {
        const { rows } = await context.pool.query<{ id: string }>(
          'SELECT id FROM digital_key WHERE provider_id = $1',
          [scope.providerId],
        );
        const own = new Set(rows.map((row) => row.id));
        items = items.filter((item) => item.digitalKeyId && own.has(item.digitalKeyId));
      }
      return { items };
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
      const id = (request.params as { id: string }).id;
      await withTransaction(context.pool, async (client) => {
        const before = await findEnrolment(client, id);
        if (!before || before.municipalityId !== actor.municipalityId) throw notFound('device');
        if (scope.kind === 'provider') {
          const key = before.digitalKeyId
            ? await findEntity(client, keyEntity, scope, before.digitalKeyId)
            : undefined;
          if (!key) throw notFound('device');
        }
        await revokeEnrolment(client, id);
        await recordChange(client, actor, {
          action: 'revoke',
          entity: 'device_enrolment',
          entityId: id,
          before,
          requestId: request.id,
        });
      });
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/keys/:id/pin-reset',
    {
      schema: {
        tags: ['devices'],
        summary: 'A one-time code the staff member uses at an activation box to set a new PIN',
        params: IdParams,
        response: {
          201: Type.Object({
            code: Type.String({
              description: '8 digits, shown once; give it to the staff member in person.',
            }),
            expiresAt: Type.String({ format: 'date-time' }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const scope = authorise(actor, 'digital_key', 'update');
      const id = (request.params as { id: string }).id;
      const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
      const expiresAt = new Date(Date.now() + 72 * 3600 * 1000);
      await withTransaction(context.pool, async (client) => {
        const key = await findEntity(client, keyEntity, scope, id);
        if (!key) throw notFound('digital key');
        if (key.kind !== 'hardware_key')
          throw new ApiError(422, 'not_a_hardware_key', 'Phones use the staff member’s login, not a PIN.');
        if (key.status !== 'active')
          throw new ApiError(422, 'key_not_active', 'A blocked, lost or retired key gets no new PIN.');
        await insertPinResetCode(client, {
          digitalKeyId: id,
          codeHash: hashSecret(code),
          createdBy: actor.label,
          expiresAt,
        });
        await recordChange(client, actor, {
          action: 'pin_reset',
          entity: 'digital_key',
          entityId: id,
          after: { holderStaffMemberId: key.holderStaffMemberId, expiresAt: expiresAt.toISOString() },
          requestId: request.id,
        });
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
        response: {
          200: Type.Object({
            enrolledAt: Type.Union([Type.String(), Type.Null()]),
            lastSeenAt: Type.Union([Type.String(), Type.Null()]),
            hasPin: Type.Boolean(),
            isPinLocked: Type.Boolean(),
            lastActivationAt: Type.Union([Type.String(), Type.Null()]),
            ticketExpiresAt: Type.Union([Type.String(), Type.Null()]),
            ticketSequence: Type.Integer(),
            isActivatedNow: Type.Boolean({
              description: 'Activated within one shift and holding an unexpired ticket.',
            }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const scope = authorise(actor, 'digital_key', 'read');
      const id = (request.params as { id: string }).id;
      const key = await findEntity(context.pool, keyEntity, scope, id);
      if (!key) throw notFound('digital key');
      const state = await readKeyActivationState(context.pool, id);
      const municipality = await findMunicipality(context.pool, actor.municipalityId);
      const shiftMs =
        ((municipality?.settings as { shiftHours?: number } | undefined)?.shiftHours ?? 12) * 3600 * 1000;
      const now = Date.now();
      const isActivatedNow =
        key.status === 'active' &&
        state.lastActivationAt !== null &&
        Date.parse(state.lastActivationAt) + shiftMs > now &&
        state.ticketExpiresAt !== null &&
        Date.parse(state.ticketExpiresAt) > now;
      return { ...state, isActivatedNow };
    },
  );

  app.get(
    '/api/v1/issuer-keys',
    {
      schema: {
        tags: ['devices'],
        summary: 'The issuer public keys locks must accept (active and not yet expired retired ones)',
        response: { 200: Type.Object({ items: Type.Array(PublishedKey) }), ...errorResponses },
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
      await recordChange(context.pool, actor, {
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
        response: {
          200: Type.Object({
            version: Type.Integer(),
            entries: Type.Array(
              Type.Object({
                digitalKeyId: Type.String(),
                addedInVersion: Type.Integer(),
                reason: Type.String(),
                blockedAt: Type.String(),
              }),
            ),
            locks: Type.Array(
              Type.Object({
                lockId: Type.String(),
                serial: Type.String(),
                reportedVersion: Type.Union([Type.Integer(), Type.Null()]),
                reportedAt: Type.Union([Type.String(), Type.Null()]),
                isBehind: Type.Boolean(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorise(actor, 'block_list', 'read');
      const list = await readBlockList(context.pool, actor.municipalityId);
      const { rows } = await context.pool.query<{
        lockId: string;
        serial: string;
        version: number | null;
        reportedAt: Date | null;
      }>(
        `SELECT l.id AS "lockId", l.serial, r.version, r.reported_at AS "reportedAt" FROM lock_device l
         LEFT JOIN lock_block_list_report r ON r.lock_device_id = l.id
         WHERE l.municipality_id = $1 AND l.status = 'installed' ORDER BY coalesce(r.version, 0), l.serial LIMIT 5000`,
        [actor.municipalityId],
      );
      return {
        ...list,
        locks: rows.map((row) => ({
          lockId: row.lockId,
          serial: row.serial,
          reportedVersion: row.version,
          reportedAt: row.reportedAt?.toISOString() ?? null,
          isBehind: (row.version ?? 0) < list.version,
        })),
      };
    },
  );
}
