import {
  accessPathOf,
  decideAccess,
  renderReasons,
  whoCanOpen,
  type ExplanationLanguage,
} from '@portvakt/core';
import { readCustomerPermissionContext } from '@portvakt/storage';
import { notFound } from '../platform/errors';
import { parseAt, type PermissionQuery } from './permission-query';

export interface FindWhoCanOpenInput {
  customerId: string;
  at?: string | undefined;
  language: ExplanationLanguage;
}

/**
 * Who can open each door on the way in to a customer at a time, and why (docs/permissions.md
 * "Who can open"). `scope`: the caller's permission_check scope; a work lead sees only their own
 * provider's staff, never another provider's people.
 */
export async function findWhoCanOpen(query: PermissionQuery<FindWhoCanOpenInput>) {
  const { db, actor, scope, permissions, input } = query;
  const id = input.customerId;
  const customerScope = decideAccess(actor, 'customer', 'read');
  if (!customerScope) throw notFound('customer');
  // One round trip: the customer within scope and the facts version the index must reach.
  const { version, isVisible } = await readCustomerPermissionContext(db, customerScope, id);
  if (!isVisible) throw notFound('customer');
  const at = parseAt(input.at, query.now);
  const { index } = await permissions.get(actor.municipalityId, version);
  // The path, locks and openers all come from the index.
  const path = accessPathOf(index, id);
  const openers = whoCanOpen(
    index,
    id,
    path.flatMap((door) => (door.lockId ? [door.lockId] : [])),
    at,
    { providerId: scope.kind === 'provider' ? scope.providerId : undefined },
  );
  return {
    customerId: id,
    at: new Date(at).toISOString(),
    doors: path.map((door) => ({
      doorId: door.doorId,
      label: door.label,
      kind: door.kind,
      lockId: door.lockId,
      staff: door.lockId
        ? (openers.get(door.lockId) ?? []).map((opener) => ({
            staffMemberId: opener.staffId,
            name: opener.name,
            providerId: opener.providerId,
            reasons: renderReasons(opener.reasons, input.language),
          }))
        : [],
    })),
  };
}
