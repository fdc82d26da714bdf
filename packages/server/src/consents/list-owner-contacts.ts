import type { OwnerContact } from '@portvakt/contract';
import { listOwnerContacts as listContacts } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { presentOwnerContact } from './consent-presenter';
import { requireReachableOwner } from './owner-access';

/** The owner's contacts, the primary first; a property owner reads only their own. */
export async function listOwnerContacts({
  db,
  actor,
  input,
}: ReadOptions<{ ownerId: string }>): Promise<{ items: OwnerContact[] }> {
  const scope = authorise(actor, 'property_owner_contact', 'read');
  await requireReachableOwner(db, scope, input.ownerId);
  const contacts = await listContacts(db, actor.municipalityId, input.ownerId);
  return { items: contacts.map(presentOwnerContact) };
}
