import type { TeamAccessWarnings } from '@portvakt/contract';
import { findEntity as findEntityDefinition } from '@portvakt/core';
import { findEntity, listTeamCustomerIds } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import { judgeCustomersNightAccess, resolveAsOf } from './night-access';

/**
 * R2.6 for a night-patrol team: its customers on the day (assignments and area rules) who sit
 * behind a door that cannot be opened when their service comes. A work lead reads only their own
 * provider's teams, and of each customer only their own services.
 */
export async function readTeamAccessWarnings({
  db,
  actor,
  input,
  now,
}: ReadOptions<{ teamId: string; asOf?: string | undefined }> & { now: Date }): Promise<TeamAccessWarnings> {
  const scope = authorise(actor, 'team', 'read');
  const asOf = resolveAsOf(input.asOf, now);
  const team = await findEntity(db, findEntityDefinition('team'), scope, input.teamId);
  if (!team) throw notFound('team');
  const customerIds = await listTeamCustomerIds(db, scope.municipalityId, input.teamId, asOf);
  const items = customerIds.length === 0 ? [] : await judgeCustomersNightAccess(db, scope, asOf, customerIds);
  return { asOf, teamId: input.teamId, items };
}
