import type { ConsentRequest, OwnerContactLogParamsOf, RecordWithdrawalBody } from '@portvakt/contract';
import {
  insertOwnerContactLog,
  listConsentRequests,
  lockConsentRequest,
  lockEntranceStatuses,
  recordConsentAnswers,
  writeEntranceStatuses,
} from '@portvakt/storage';
import type { Static } from 'typebox';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { ApiError, notFound } from '../platform/errors';
import { returnWithdrawnInstalls } from '../work-orders';
import { readConsentRequest } from './list-consent-requests';

/**
 * The lock manager records that the owner withdrew consent for entrances of a request (by letter,
 * call, e-mail or at a meeting): each must be in the request and consented now; they become
 * `withdrawn`, which stops new installs there and takes planned ones back to requested. Logged in
 * the contact log; audited as `withdraw`.
 */
export async function recordConsentWithdrawal(
  options: WriteOptions<Static<typeof RecordWithdrawalBody> & { id: string }>,
): Promise<ConsentRequest> {
  const { actor, input, now } = options;
  authorise(actor, 'consent_request', 'update');
  const municipalityId = actor.municipalityId;
  await withAuditedTransaction(options, async (client, audit) => {
    if (!(await lockConsentRequest(client, municipalityId, input.id))) throw notFound('consent request');
    const [request] = await listConsentRequests(client, municipalityId, { requestId: input.id });
    const inRequest = new Set(request!.doors.map((door) => door.doorId));
    for (const doorId of input.doorIds)
      if (!inRequest.has(doorId))
        throw new ApiError(422, 'door_not_in_request', 'A door is not part of this request.', {
          field: 'doorIds',
        });
    const statuses = await lockEntranceStatuses(client, municipalityId, input.doorIds);
    for (const doorId of input.doorIds)
      if (statuses.get(doorId) !== 'consented')
        throw new ApiError(422, 'consent_not_given', 'Consent is not given for every door listed.', {
          field: 'doorIds',
          doorId,
        });
    const by = { name: input.name.trim(), title: input.title?.trim() || null };
    const changes = input.doorIds.map((doorId) => ({ doorId, status: 'withdrawn' as const }));
    await writeEntranceStatuses(client, municipalityId, changes, now, by);
    // Planned installs at these entrances wait for consent again (docs/work-orders.md "Consent").
    await returnWithdrawnInstalls(client, {
      municipalityId,
      doorIds: input.doorIds,
      actorLabel: actor.label,
      now,
      recordAudit: (entry) => audit({ action: 'update', entity: 'work_order', ...entry }),
    });
    await recordConsentAnswers(
      client,
      municipalityId,
      input.id,
      changes.map((change) => ({ doorId: change.doorId, answer: 'withdrawn' })),
      by,
      now,
    );
    const labels = request!.doors
      .filter((door) => input.doorIds.includes(door.doorId))
      .map((door) => door.label);
    await insertOwnerContactLog(client, municipalityId, {
      propertyOwnerId: request!.propertyOwnerId,
      kind: input.kind,
      at: now,
      madeBy: by.name,
      // The doors as facts, the note as written (docs/consents.md "Contact log").
      outcomeKind: 'consent_withdrawn',
      outcome: '',
      params: {
        doors: labels,
        note: input.note?.trim() || null,
      } satisfies OwnerContactLogParamsOf<'consent_withdrawn'>,
      consentRequestId: input.id,
      recordedBy: actor.label,
      recordedAt: now,
    });
    await audit({
      action: 'withdraw',
      entity: 'consent_request',
      entityId: input.id,
      after: { doorIds: input.doorIds, name: by.name, title: by.title, note: input.note ?? null },
    });
  });
  return readConsentRequest({ db: options.db, actor, input: { id: input.id } });
}
