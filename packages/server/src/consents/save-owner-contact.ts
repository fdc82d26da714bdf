import type { OwnerContact, OwnerContactBody } from '@portvakt/contract';
import {
  clearPrimaryContact,
  insertOwnerContact,
  listOwnerContacts,
  updateOwnerContact,
} from '@portvakt/storage';
import type { Static } from 'typebox';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import { presentOwnerContact } from './consent-presenter';
import { requireReachableOwner } from './owner-access';

type Fields = Partial<Static<typeof OwnerContactBody>>;

/**
 * Adds a contact to an owner (`contactId` absent) or changes one. Making a contact primary makes
 * the previous primary an ordinary contact, in the same transaction. Audited as create/update.
 */
export async function saveOwnerContact(
  options: WriteOptions<{ ownerId: string; contactId?: string; fields: Fields }>,
): Promise<OwnerContact> {
  const { actor, input, now } = options;
  const scope = authorise(actor, 'property_owner_contact', input.contactId ? 'update' : 'create');
  const fields = { ...input.fields, ...(input.fields.name ? { name: input.fields.name.trim() } : {}) };
  return withAuditedTransaction(options, async (client, audit) => {
    await requireReachableOwner(client, scope, input.ownerId);
    const before = input.contactId
      ? (await listOwnerContacts(client, actor.municipalityId, input.ownerId)).find(
          (contact) => contact.id === input.contactId,
        )
      : undefined;
    if (input.contactId && !before) throw notFound('contact');
    if (fields.isPrimary) await clearPrimaryContact(client, actor.municipalityId, input.ownerId, now);
    const saved = input.contactId
      ? await updateOwnerContact(client, actor.municipalityId, input.ownerId, input.contactId, fields, now)
      : await insertOwnerContact(
          client,
          actor.municipalityId,
          input.ownerId,
          { ...fields, name: fields.name ?? '' },
          now,
        );
    if (!saved) throw notFound('contact');
    const after = presentOwnerContact(saved);
    await audit({
      action: input.contactId ? 'update' : 'create',
      entity: 'property_owner_contact',
      entityId: saved.id,
      before: before ? presentOwnerContact(before) : undefined,
      after,
    });
    return after;
  });
}
