import type { OwnerContact } from '@portvakt/contract';
import { listOwnerContacts as listContacts } from '@portvakt/storage';
import type { ReadOptions } from '../platform/context';
import { presentOwnerContact } from './consent-presenter';
import { listOfReachableOwner } from './list-of-reachable-owner';

/** The owner's contacts, the primary first; a property owner reads only their own. */
export function listOwnerContacts(
  options: ReadOptions<{ ownerId: string }>,
): Promise<{ items: OwnerContact[] }> {
  return listOfReachableOwner(options, { read: listContacts, present: presentOwnerContact });
}
