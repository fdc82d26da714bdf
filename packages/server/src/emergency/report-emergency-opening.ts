import type { EmergencyOpening, ReportEmergencyBody } from '@portvakt/contract';
import { findLocalDay } from '@portvakt/core';
import {
  findEmergencyOpening,
  insertEmergencyOpening,
  insertSupportCase,
  readEmergencyTarget,
} from '@portvakt/storage';
import type { Static } from 'typebox';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { ApiError, notFound } from '../platform/errors';
import { presentEmergency } from './emergency-presenter';

/**
 * Staff cannot get in (R9.2): records an emergency opening and its support case (cannot get in,
 * urgent, marked as emergency), at any hour: outside support hours it is the only case that can
 * be raised (R9.1). Staff and work leads report for their own provider's customers; support names
 * the provider if it wants. The door must be on the customer's way in; its installed lock is found
 * from the door. Audited as create.
 */
export async function reportEmergencyOpening(
  options: WriteOptions<Static<typeof ReportEmergencyBody>>,
): Promise<EmergencyOpening> {
  const { actor, input, now } = options;
  const scope = authorise(actor, 'emergency_opening', 'create');
  const municipalityId = actor.municipalityId;
  return withAuditedTransaction(options, async (client, audit) => {
    const target = await readEmergencyTarget(
      client,
      municipalityId,
      input.customerId,
      input.doorId,
      findLocalDay(now),
    );
    if (!target.isCustomerKnown) throw notFound('customer');
    const ownProvider = scope.kind === 'provider' || scope.kind === 'self' ? scope.providerId : null;
    // A provider's people see and report only their own customers: any other is "no such customer".
    if (ownProvider && !target.servingProviderIds.includes(ownProvider)) throw notFound('customer');
    if (ownProvider && input.providerId && input.providerId !== ownProvider)
      throw new ApiError(422, 'provider_mismatch', 'You report for your own provider.', {
        field: 'providerId',
      });
    const providerId = ownProvider ?? input.providerId ?? null;
    if (providerId && !target.servingProviderIds.includes(providerId))
      throw new ApiError(422, 'customer_not_served', 'The provider does not serve this customer.', {
        field: 'providerId',
      });
    if (!target.isDoorOnPath)
      throw new ApiError(422, 'door_not_on_path', 'The door is not on the customer’s way in.', {
        field: 'doorId',
      });
    const supportCase = await insertSupportCase(
      client,
      {
        municipalityId,
        category: 'cannot_get_in',
        priority: 'urgent',
        title: '',
        titleKind: 'emergency_opening',
        description: input.description?.trim() || null,
        isEmergency: true,
        raisedByUserId: actor.kind === 'user' ? actor.id : null,
        raisedBy: actor.label,
        raisedByRole: actor.role,
        providerId,
        doorId: input.doorId,
        customerId: input.customerId,
        lockDeviceId: target.lockId,
      },
      now,
    );
    const id = await insertEmergencyOpening(client, {
      municipalityId,
      supportCaseId: supportCase.id,
      customerId: input.customerId,
      doorId: input.doorId,
      lockId: target.lockId,
      providerId,
      reportedAt: now,
      reportedBy: actor.label,
    });
    await audit({
      action: 'create',
      entity: 'emergency_opening',
      entityId: id,
      after: {
        supportCaseId: supportCase.id,
        reference: supportCase.reference,
        customerId: input.customerId,
        doorId: input.doorId,
        lockId: target.lockId,
        providerId,
        reportedAt: now.toISOString(),
      },
    });
    const row = await findEmergencyOpening(client, { kind: 'municipality', municipalityId }, id);
    return presentEmergency(row!, scope, now);
  });
}
