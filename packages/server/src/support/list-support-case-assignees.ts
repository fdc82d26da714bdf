import type { SupportCaseAssignees } from '@portvakt/contract';
import { supportAssigneeRoles } from '@portvakt/core';
import { listSupportCaseAssignees as selectAssignees } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { forbidden } from '../platform/errors';

/**
 * The accounts a case can be assigned to (docs/support.md): only those who assign cases, support
 * and the municipality, may list them, since the list names the municipality's people.
 */
export async function listSupportCaseAssignees({
  db,
  actor,
}: ReadOptions<undefined>): Promise<SupportCaseAssignees> {
  const scope = authorise(actor, 'support_case', 'update');
  if (scope.kind !== 'municipality') throw forbidden('Assigning support cases is support’s.');
  return { items: await selectAssignees(db, actor.municipalityId, supportAssigneeRoles) };
}
