import type { Static } from 'typebox';
import type { ConfirmVisitExceptionBody } from '@portvakt/contract';
import { judgeVisitChange, readVisitSettings } from '@portvakt/core';
import { findMunicipality, insertExceptionResolution, withTransaction } from '@portvakt/storage';
import { recordChange } from '../audit';
import { authorise } from '../platform/authorise';
import type { UseCaseOptions } from '../platform/context';
import { ApiError, notFound, ruleCode } from '../platform/errors';
import { readExceptionQueue } from './visit-exception-queue';

/**
 * Confirms an exception as it is, with the reason (a long visit that was long, a missed visit
 * while the customer was in hospital). The exception must exist now, within a day of `at`, in the
 * actor's provider; after the lock date only the municipality may.
 */
export async function confirmVisitException({
  db,
  actor,
  input,
  requestId,
  now,
}: UseCaseOptions<Static<typeof ConfirmVisitExceptionBody> & { providerId?: string | undefined }> & {
  now: Date;
}): Promise<{ key: string }> {
  const scope = authorise(actor, 'visit', 'update');
  const providerId = scope.kind === 'provider' ? scope.providerId : input.providerId;
  if (!providerId) throw new ApiError(422, 'validation_failed', 'Name the provider whose exception it is.');
  const at = new Date(input.at).getTime();
  const settings = (await findMunicipality(db, actor.municipalityId))?.settings ?? {};
  const day = 86_400_000;
  const queue = await readExceptionQueue(
    db,
    actor.municipalityId,
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
  return withTransaction(db, async (client) => {
    const row = { municipalityId: actor.municipalityId, providerId, key: input.key, code: exception.code };
    if (!(await insertExceptionResolution(client, { ...row, reason: input.reason, resolvedBy: actor.label })))
      throw new ApiError(409, 'already_exists', 'This exception is already resolved.');
    await recordChange(client, actor, {
      action: 'confirm',
      entity: 'visit',
      entityId: exception.visitIds[0] ?? null,
      after: { key: input.key, code: exception.code, reason: input.reason },
      requestId,
    });
    return { key: input.key };
  });
}
