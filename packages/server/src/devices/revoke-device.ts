import { findEntity as findEntityDefinition, type Scope } from '@portvakt/core';
import { findEnrolment, findEntity, revokeEnrolment } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { UseCaseOptions } from '../platform/context';
import { notFound } from '../platform/errors';

const keyEntity = findEntityDefinition('digital_key');

/** Revokes a device's enrolment; outside the actor's scope it does not exist (404). */
export async function revokeDevice(
  options: UseCaseOptions<{ id: string }> & { scope: Scope },
): Promise<void> {
  const { actor, scope, input } = options;
  await withAuditedTransaction(options, async (client, audit) => {
    const before = await findEnrolment(client, input.id);
    if (!before || before.municipalityId !== actor.municipalityId) throw notFound('device');
    if (scope.kind === 'provider') {
      const key = before.digitalKeyId
        ? await findEntity(client, keyEntity, scope, before.digitalKeyId)
        : undefined;
      if (!key) throw notFound('device');
    }
    await revokeEnrolment(client, before);
    await audit({ action: 'revoke', entity: 'device_enrolment', entityId: input.id, before });
  });
}
