import { findEntity as findEntityDefinition, type Scope } from '@portvakt/core';
import { findEnrolment, findEntity, revokeEnrolment, withTransaction } from '@portvakt/storage';
import { recordChange } from '../audit';
import type { UseCaseOptions } from '../platform/context';
import { notFound } from '../platform/errors';

const keyEntity = findEntityDefinition('digital_key');

/** Revokes a device's enrolment; outside the actor's scope it does not exist (404). */
export async function revokeDevice(
  options: UseCaseOptions<{ id: string }> & { scope: Scope },
): Promise<void> {
  const { actor, scope, input } = options;
  await withTransaction(options.db, async (client) => {
    const before = await findEnrolment(client, input.id);
    if (!before || before.municipalityId !== actor.municipalityId) throw notFound('device');
    if (scope.kind === 'provider') {
      const key = before.digitalKeyId
        ? await findEntity(client, keyEntity, scope, before.digitalKeyId)
        : undefined;
      if (!key) throw notFound('device');
    }
    await revokeEnrolment(client, input.id);
    await recordChange(client, actor, {
      action: 'revoke',
      entity: 'device_enrolment',
      entityId: input.id,
      before,
      requestId: options.requestId,
    });
  });
}
