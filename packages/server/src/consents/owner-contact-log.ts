import type { OwnerContactLogBody, OwnerContactLogEntry } from '@portvakt/contract';
import { checkContactLogTime } from '@portvakt/core';
import {
  insertOwnerContactLog,
  listConsentRequests,
  listOwnerContactLog as listLog,
} from '@portvakt/storage';
import type { Static } from 'typebox';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { ReadOptions, WriteOptions } from '../platform/context';
import { ApiError, forbidden, throwIfRefused } from '../platform/errors';
import { presentContactLogEntry } from './contact-log-presenter';
import { listOfReachableOwner } from './list-of-reachable-owner';
import { requireReachableOwner } from './owner-access';

/**
 * The municipality's log of contacts with an owner, newest first. It holds the municipality's
 * own notes on how the owner answered, so it is not shown to the owner's own login.
 */
export function listOwnerContactLog(
  options: ReadOptions<{ ownerId: string }>,
): Promise<{ items: OwnerContactLogEntry[] }> {
  return listOfReachableOwner(options, {
    read: listLog,
    present: presentContactLogEntry,
    refuseScope: (scope) => {
      if (scope.kind !== 'municipality') throw forbidden('The contact log is the municipality’s own notes.');
    },
  });
}

/**
 * Adds a letter, call, e-mail or meeting with its outcome to the owner's log, at the time given or
 * else now; one after now (the server's clock) is 422 date_in_future. Audited as create.
 */
export async function addOwnerContactLogEntry(
  options: WriteOptions<Static<typeof OwnerContactLogBody> & { ownerId: string }>,
): Promise<OwnerContactLogEntry> {
  const { actor, input, now } = options;
  const scope = authorise(actor, 'property_owner_contact', 'create');
  // Left out, the contact was made now (the console sends no time: its clock need not be ours).
  const at = input.at === undefined ? now : new Date(input.at);
  throwIfRefused(checkContactLogTime(at, now));
  return withAuditedTransaction(options, async (client, audit) => {
    await requireReachableOwner(client, scope, input.ownerId);
    if (input.consentRequestId) {
      const [request] = await listConsentRequests(client, actor.municipalityId, {
        requestId: input.consentRequestId,
        propertyOwnerId: input.ownerId,
      });
      if (!request)
        throw new ApiError(422, 'unknown_reference', 'No such consent request of this owner.', {
          field: 'consentRequestId',
        });
    }
    const entry = presentContactLogEntry(
      await insertOwnerContactLog(client, actor.municipalityId, {
        propertyOwnerId: input.ownerId,
        kind: input.kind,
        at,
        madeBy: input.madeBy.trim(),
        outcome: input.outcome.trim(),
        consentRequestId: input.consentRequestId ?? null,
        recordedBy: actor.label,
        recordedAt: now,
      }),
    );
    await audit({
      action: 'create',
      // The log entry belongs to the owner's history (the log has no resource of its own).
      entity: 'property_owner',
      entityId: input.ownerId,
      after: { contactLogEntry: entry },
    });
    return entry;
  });
}
