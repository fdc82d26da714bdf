import type { Static } from 'typebox';
import type { ConfirmVisitExceptionBody } from '@portvakt/contract';
import { judgeVisitChange, readVisitSettings } from '@portvakt/core';
import { insertExceptionResolution } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { ApiError, notFound, ruleCode } from '../platform/errors';
import { readMunicipalitySettings } from '../platform/municipality-settings';
import { readExceptionQueue } from './visit-exception-queue';

/**
 * Confirms an exception as it is, with the reason (a long visit that was long, a missed visit
 * while the customer was in hospital). The exception must exist now, within a day of `at`, in the
 * actor's provider; after the lock date only the municipality may.
 */
export async function confirmVisitException(
  options: WriteOptions<Static<typeof ConfirmVisitExceptionBody> & { providerId?: string | undefined }>,
): Promise<{ key: string }> {
  const { actor, input, now } = options;
  const scope = authorise(actor, 'visit', 'update');
  const providerId = scope.kind === 'provider' ? scope.providerId : input.providerId;
  // Only an actor seeing several providers names one: 422 like every write's (provider-of-write.ts).
  if (!providerId)
    throw new ApiError(422, 'provider_required', 'Name the provider whose exception it is (providerId).', {
      field: 'providerId',
    });
  const at = new Date(input.at).getTime();
  const settings = await readMunicipalitySettings(options.db, actor.municipalityId);
  const day = 86_400_000;
  const queue = await readExceptionQueue(
    options,
    providerId,
    { from: new Date(at - day), to: new Date(at + day) },
    settings,
  );
  const exception = queue.find((e) => e.key === input.key);
  if (!exception) throw notFound('exception');
  if (exception.resolution) throw new ApiError(409, 'already_exists', 'This exception is already resolved.');
  const [locked] = judgeVisitChange(
    actor.role,
    [exception.at],
    now.getTime(),
    readVisitSettings(settings),
  ).violations;
  if (locked) throw new ApiError(422, ruleCode(locked.code), locked.message);
  return withAuditedTransaction(options, async (client, audit) => {
    const row = { municipalityId: actor.municipalityId, providerId, key: input.key, code: exception.code };
    if (!(await insertExceptionResolution(client, { ...row, reason: input.reason, resolvedBy: actor.label })))
      throw new ApiError(409, 'already_exists', 'This exception is already resolved.');
    await audit({
      action: 'confirm',
      entity: 'visit',
      entityId: exception.visitIds[0] ?? null,
      // The provider too: a missed planned visit has no visit whose provider a reader could look up.
      after: { key: input.key, code: exception.code, reason: input.reason, providerId },
    });
    return { key: input.key };
  });
}
