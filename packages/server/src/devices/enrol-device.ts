import { decideAccess, findEntity as findEntityDefinition, type Actor, type Scope } from '@portvakt/core';
import type { DeviceKindName } from '@portvakt/contract';
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
  findKeyCabinetToEnrol,
  findEntity,
  findLiveLockEnrolment,
  findMunicipality,
  insertEnrolment,
  replaceEnrolmentKey,
  retireEnrolmentKey,
  setEnrolmentCertificate,
  withTransaction,
  type EnrolmentRecord,
} from '@portvakt/storage';
import type pg from 'pg';
import { recordChange } from '../audit';
import { ApiError, forbidden, invalidRequest } from '../platform/errors';
import { issuerName } from './credentials';
import type { IssuerKeyStore } from './issuer-keys';

const keyEntity = findEntityDefinition('digital_key');
const lockEntity = findEntityDefinition('lock_device');
const protocolKinds: Record<DeviceKindName, ProtocolDeviceKind> = {
  lock: 'lock',
  key: 'key',
  phone: 'phone',
  activation_box: 'activation-box',
  sync_station: 'sync-station',
  key_cabinet: 'key-cabinet',
};

export interface EnrolDeviceInput {
  kind: DeviceKindName;
  publicJwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
  lockId?: string | undefined;
  keyId?: string | undefined;
  keyCabinetId?: string | undefined;
  label?: string | undefined;
}

export interface EnrolDeviceOptions {
  db: pg.Pool;
  issuerKeys: IssuerKeyStore;
  actor: Actor;
  scope: Scope;
  requestId: string;
  input: EnrolDeviceInput;
  /** The issuer's clock (`readClock`): the certificate's issue time. */
  now: Date;
}

export interface EnrolledDevice {
  enrolment: EnrolmentRecord;
  certificate: string;
  lockNumber: number | null;
  /**
   * Where the device's record chain starts when the enrolment already holds records (a new phone
   * for a phone key, a replaced lock unit): its first record is `afterSequence + 1`, linking to
   * `prevHash` (hex). Null: the device starts at 1 from the genesis hash.
   */
  chainStart: { afterSequence: number; prevHash: string } | null;
}

/**
 * Enrols a device with the public key it generated itself and signs its certificate. Locks and
 * keys enrol under their registry id, boxes and stations under a new one; enrolling again
 * replaces the key pair (of a lock's live enrolment whatever its id, which the certificate names).
 * Work leads (provider scope) enrol only their provider's keys and phones.
 */
export async function enrolDevice(options: EnrolDeviceOptions): Promise<EnrolledDevice> {
  const publicKey = await readEnrolmentKey(options);
  return withTransaction(options.db, (client) => writeEnrolment(client, options, publicKey));
}

/**
 * The same enrolment inside the caller's transaction (an installer enrolling a lock for a work
 * order writes the lock, the enrolment and the order together, docs/work-orders.md).
 */
export async function enrolDeviceInTransaction(
  client: pg.PoolClient,
  options: Omit<EnrolDeviceOptions, 'db'>,
): Promise<EnrolledDevice> {
  return writeEnrolment(client, options, await readEnrolmentKey(options));
}

async function readEnrolmentKey(options: Omit<EnrolDeviceOptions, 'db'>): Promise<CryptoKey> {
  const { input } = options;
  const publicKey = await importPublicJwk(input.publicJwk).catch(() => {
    throw new ApiError(400, 'invalid_public_key', 'The public key is not a valid P-256 point.');
  });
  if (options.scope.kind === 'provider' && input.kind !== 'key' && input.kind !== 'phone') {
    throw forbidden('Work leads enrol only their provider’s keys and phones.');
  }
  return publicKey;
}

async function writeEnrolment(
  client: pg.PoolClient,
  options: Omit<EnrolDeviceOptions, 'db'>,
  publicKey: CryptoKey,
): Promise<EnrolledDevice> {
  const { actor, input } = options;
  let deviceId: string | undefined;
  let lockNumber: number | null = null;
  if (input.kind === 'lock') {
    if (!input.lockId || input.keyId)
      throw new ApiError(422, 'lock_required', 'A lock enrols with lockId (and no keyId).');
    const municipalityScope = { kind: 'municipality', municipalityId: actor.municipalityId } as const;
    const lock = await findEntity(client, lockEntity, municipalityScope, input.lockId);
    if (!lock)
      throw new ApiError(422, 'unknown_reference', `No lock with id ${input.lockId}.`, { field: 'lockId' });
    deviceId = input.lockId;
    lockNumber = await assignLockNumber(client, actor.municipalityId, input.lockId);
  } else if (input.kind === 'key' || input.kind === 'phone') {
    if (!input.keyId || input.lockId)
      throw new ApiError(422, 'key_required', 'A key or phone enrols with keyId (and no lockId).');
    const keyScope = decideAccess(actor, 'digital_key', 'read');
    const key = keyScope ? await findEntity(client, keyEntity, keyScope, input.keyId) : undefined;
    if (!key)
      throw new ApiError(422, 'unknown_reference', `No key with id ${input.keyId}.`, { field: 'keyId' });
    if ((key.kind === 'phone') !== (input.kind === 'phone')) {
      throw new ApiError(422, 'kind_mismatch', `That key is registered as a ${String(key.kind)}.`);
    }
    deviceId = input.keyId;
  } else if (input.kind === 'key_cabinet') {
    // Which id a kind names is the body's shape (the schema could say it per kind): the schema's
    // 400, each wrong field named, so the form shows it where it is.
    const unexpected = (['lockId', 'keyId'] as const)
      .filter((field) => input[field])
      .map((field) => ({
        field: `body.${field}`,
        problem: 'not',
        message: 'must be left out: a key cabinet enrols with keyCabinetId only',
      }));
    if (!input.keyCabinetId || unexpected.length > 0)
      throw invalidRequest([
        ...(input.keyCabinetId
          ? []
          : [{ field: 'body.keyCabinetId', problem: 'required', message: 'is required for a key cabinet' }]),
        ...unexpected,
      ]);
    const cabinet = await findKeyCabinetToEnrol(client, actor.municipalityId, input.keyCabinetId);
    if (!cabinet)
      throw new ApiError(422, 'unknown_reference', `No key cabinet in use with id ${input.keyCabinetId}.`, {
        field: 'keyCabinetId',
      });
    // Like locks: the cabinet's registry id is its device id (the 16 bytes in its records).
    deviceId = input.keyCabinetId;
  } else if (input.lockId || input.keyId || input.keyCabinetId) {
    throw new ApiError(422, 'unexpected_reference', 'Boxes and stations enrol without lockId or keyId.');
  }
  // A lock already enrolled under another id than its registry id (seed-demo enrols its locks so)
  // keeps that enrolment: a second live one would break the one-per-lock rule (409).
  const existing =
    (input.kind === 'lock'
      ? await findLiveLockEnrolment(client, { municipalityId: actor.municipalityId, lockDeviceId: deviceId! })
      : undefined) ??
    (deviceId
      ? await findAnyEnrolment(client, { municipalityId: actor.municipalityId, id: deviceId })
      : undefined);
  // The old key is kept for verify-log, and the new one continues the chain where the old stopped:
  // a device starting again at 1 would be refused as a chain fork (docs/event-log.md "Re-enrolment").
  const continuation = existing
    ? await retireEnrolmentKey(client, existing, { retiredBy: actor.label, at: options.now })
    : undefined;
  // chainStart's sequence is how many records the device has made: for a lock, how often its door
  // was used. Only a role that may read the device's events is told it (docs/device-gateway.md
  // "Enrolment"); an installer leaves a device that holds records to the lock side. Thrown
  // inside the transaction, so the key retired just above is not.
  if (continuation && !decideAccess(actor, 'device_event', 'read'))
    throw forbidden(
      'This device already holds records, and its new unit continues them: a lock manager enrols it again.',
    );
  const enrolment = existing
    ? await replaceEnrolmentKey(client, existing, {
        publicJwk: input.publicJwk,
        enrolledBy: actor.label,
        label: input.label ?? null,
      })
    : await insertEnrolment(client, {
        ...(deviceId ? { id: deviceId } : {}),
        municipalityId: actor.municipalityId,
        kind: input.kind,
        lockDeviceId: input.kind === 'lock' ? deviceId! : null,
        digitalKeyId: input.kind === 'key' || input.kind === 'phone' ? deviceId! : null,
        keyCabinetId: input.kind === 'key_cabinet' ? deviceId! : null,
        label: input.label ?? null,
        publicJwk: input.publicJwk,
        enrolledBy: actor.label,
      });
  const municipality = (await findMunicipality(client, actor.municipalityId))!;
  const certificate = await signDeviceCertificate(
    {
      issuer: issuerName(municipality.code),
      deviceId: uuidToBytes(enrolment.id),
      kind: protocolKinds[input.kind],
      publicKey: await exportPublicCoordinates(publicKey),
      issuedAt: Math.floor(options.now.getTime() / 1000),
      ...(lockNumber !== null ? { lock: lockNumber } : {}),
    },
    await options.issuerKeys.getActive(actor.municipalityId),
  );
  await setEnrolmentCertificate(client, enrolment, certificate);
  await recordChange(client, actor, {
    action: existing ? 're_enrol' : 'enrol',
    entity: 'device_enrolment',
    entityId: enrolment.id,
    before: existing,
    after: enrolment,
    requestId: options.requestId,
  });
  return {
    enrolment,
    certificate: Buffer.from(certificate).toString('base64url'),
    lockNumber,
    chainStart: continuation
      ? { afterSequence: continuation.sequence, prevHash: continuation.hash.toString('hex') }
      : null,
  };
}
