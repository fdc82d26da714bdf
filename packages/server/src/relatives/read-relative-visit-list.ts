import { findRelativeBinding, insertRelativeRead, recordEventRead, withTransaction } from '@portvakt/storage';
import { actorColumns } from '../audit';
import { authorise } from '../platform/authorise';
import type { UseCaseOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import { readMunicipalitySettings } from '../platform/municipality-settings';
import { buildRelativesVisitList, type RelativesVisitList } from '../visits';

export interface RelativeVisitListInput {
  customerId: string;
  from?: string | undefined;
  to?: string | undefined;
  format?: 'json' | 'csv' | 'pdf' | undefined;
}

/**
 * A relative reads the visit list of the one customer its account is bound to (R4.4): every
 * provider's visits to that customer, staff named as the municipality decides
 * (relativesStaffNaming). Any other customer, or a withdrawn invitation, is 404 as if unknown.
 * Every read is logged in the same transaction: in the relatives' read log the municipality and
 * the customer's work lead see, and in the event read log as other reads of lock-derived data.
 */
export async function readRelativeVisitList({
  db,
  actor,
  input,
  requestId,
  now,
}: UseCaseOptions<RelativeVisitListInput> & { now: Date }): Promise<RelativesVisitList> {
  authorise(actor, 'relative_visit_list', 'read');
  const settings = await readMunicipalitySettings(db, actor.municipalityId);
  return withTransaction(db, async (client) => {
    const binding = await findRelativeBinding(client, actor.municipalityId, actor.id);
    if (!binding || binding.customerId !== input.customerId) throw notFound('customer');
    // The binding is the relative's whole reach: within it, the municipality's view of the customer.
    const scope = { kind: 'municipality' as const, municipalityId: actor.municipalityId };
    const list = await buildRelativesVisitList(client, scope, binding.customerId, input, { now, settings });
    if (!list) throw notFound('customer');
    const format = input.format ?? 'json';
    await insertRelativeRead(client, {
      municipalityId: actor.municipalityId,
      customerId: binding.customerId,
      userId: actor.id,
      userLabel: actor.label,
      format,
      firstDay: list.firstDay,
      lastDay: list.lastDay,
      rowCount: list.visits.length,
      readAt: now,
      requestId,
    });
    await recordEventRead(client, {
      ...actorColumns(actor),
      queryKind: `relative_visit_list_${format}`,
      subjectKind: 'customer',
      subjectId: binding.customerId,
      timeFrom: list.from,
      timeTo: list.to,
      rowCount: list.visits.length,
      requestId,
    });
    return list;
  });
}
