// A provider taken into use for a customer's locks (R8.4): until every provider serving the
// customer is introduced, the customer's locks are mounted but not in use (lock_usage_on). A work
// lead introduces only their own provider, and only for customers that provider serves.
import { checkRecordedDay, findEntity as findEntityDefinition, localToday } from '@portvakt/core';
import type { ProviderIntroduction, ProviderIntroductionBody } from '@portvakt/contract';
import { findEntity, insertProviderIntroduction, isProviderServingFrom } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { ApiError, forbidden, notFound, throwIfRefused } from '../platform/errors';

const customerEntity = findEntityDefinition('customer');

export async function introduceProvider(
  options: WriteOptions<ProviderIntroductionBody>,
): Promise<ProviderIntroduction> {
  const { actor, input, now } = options;
  const scope = authorise(actor, 'provider_introduction', 'create');
  if (scope.kind === 'provider' && input.providerId !== scope.providerId)
    throw forbidden('A work lead introduces only their own provider.');
  const today = localToday(now);
  throwIfRefused(checkRecordedDay('introducedOn', input.introducedOn, today));
  return withAuditedTransaction(options, async (client, audit) => {
    if (!(await findEntity(client, customerEntity, scope, input.customerId)))
      throw notFound(customerEntity.label);
    if (
      !(await isProviderServingFrom(client, actor.municipalityId, input.customerId, input.providerId, today))
    )
      throw new ApiError(
        422,
        'provider_not_serving',
        'The provider has no current or agreed service for the customer; only serving providers are introduced.',
        { field: 'providerId' },
      );
    const made = await insertProviderIntroduction(client, {
      municipalityId: actor.municipalityId,
      ...input,
      recordedBy: actor.label,
      recordedAt: now,
    });
    if (!made)
      throw new ApiError(409, 'already_exists', 'The provider is already introduced to the customer.', {
        field: 'providerId',
      });
    await audit({
      action: 'create',
      entity: 'provider_introduction',
      entityId: input.customerId,
      after: made,
    });
    return { ...made, recordedAt: made.recordedAt.toISOString() };
  });
}
