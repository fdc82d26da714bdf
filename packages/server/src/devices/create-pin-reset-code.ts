import { randomInt } from 'node:crypto';
import { findEntity as findEntityDefinition, type Actor, type Scope } from '@portvakt/core';
import { findEntity, insertPinResetCode, withTransaction } from '@portvakt/storage';
import type pg from 'pg';
import { hashSecret } from '../accounts';
import { recordChange } from '../audit';
import { ApiError, notFound } from '../platform/errors';

const keyEntity = findEntityDefinition('digital_key');
/** How long a reset code works: long enough to reach an activation box after a weekend. */
const resetCodeHours = 72;

/**
 * A one-time 8-digit code a work lead gives the staff member in person, to set a new PIN at an
 * activation box. Only its hash is kept; earlier unused codes for the key stop working.
 */
export async function createPinResetCode(options: {
  db: pg.Pool;
  actor: Actor;
  scope: Scope;
  requestId: string;
  input: { keyId: string };
}): Promise<{ code: string; expiresAt: Date }> {
  const { actor, input } = options;
  const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
  const expiresAt = new Date(Date.now() + resetCodeHours * 3600 * 1000);
  await withTransaction(options.db, async (client) => {
    const key = await findEntity(client, keyEntity, options.scope, input.keyId);
    if (!key) throw notFound('digital key');
    if (key.kind !== 'hardware_key')
      throw new ApiError(422, 'not_a_hardware_key', 'Phones use the staff member’s login, not a PIN.');
    if (key.status !== 'active')
      throw new ApiError(422, 'key_not_active', 'A blocked, lost or retired key gets no new PIN.');
    await insertPinResetCode(client, {
      municipalityId: actor.municipalityId,
      digitalKeyId: input.keyId,
      codeHash: hashSecret(code),
      createdBy: actor.label,
      expiresAt,
    });
    await recordChange(client, actor, {
      action: 'pin_reset',
      entity: 'digital_key',
      entityId: input.keyId,
      after: { holderStaffMemberId: key.holderStaffMemberId, expiresAt: expiresAt.toISOString() },
      requestId: options.requestId,
    });
  });
  return { code, expiresAt };
}
