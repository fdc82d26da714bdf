// How every support-case use case reaches its case: inside the actor's scope for the action, so
// a case out of scope answers exactly like an unknown one (404), and, for a change, locked for
// the transaction; and how a case is presented with its timeline.
import { decideAccess, type Actor } from '@portvakt/core';
import type { SupportCaseDetail } from '@portvakt/contract';
import {
  findSupportCase,
  listSupportCaseNotes,
  type Queryable,
  type CustomerVisibility,
  type Row,
} from '@portvakt/storage';
import { createInScopeFinder } from '../platform/authorise';
import { ApiError } from '../platform/errors';
import { presentCaseTitle } from './case-title-presenter';
import { presentTimelineEntry } from './timeline-entry-presenter';

/**
 * Whose customer the actor sees named on a case (R2.7): the municipality's readers all; a
 * provider's people (work leads, and staff who may have named the customer themselves) only a
 * customer their provider serves; property owners and installers none.
 */
export function caseCustomerVisibility(actor: Actor): CustomerVisibility {
  if (decideAccess(actor, 'customer', 'read')?.kind === 'municipality') return { kind: 'all' };
  if ((actor.role === 'work_lead' || actor.role === 'staff') && actor.providerId)
    return { kind: 'provider', providerId: actor.providerId };
  return { kind: 'none' };
}

/** Who wrote a timeline entry, as the case's notes store it: the account (users only) and its label. */
export function noteAuthorOf(actor: Actor): { authorUserId: string | null; author: string } {
  return { authorUserId: actor.kind === 'user' ? actor.id : null, author: actor.label };
}

/** The case inside the actor's scope for `action` (locked for a change); 404 otherwise. */
export const findCaseInScope = createInScopeFinder(
  'support_case',
  'support case',
  findSupportCase,
  caseCustomerVisibility,
);

/** A case row from storage as the API shows it, with its timeline. */
export function presentSupportCase(found: Row, timeline: Row[]): SupportCaseDetail {
  // Storage answers plain columns: text, numbers, booleans and nulls (instants already ISO text).
  const row = found as Record<string, string | number | boolean | null | undefined>;
  const text = (value: string | number | boolean | null | undefined) =>
    value === null || value === undefined ? null : String(value);
  return {
    id: String(row.id),
    reference: String(row.reference),
    category: row.category as SupportCaseDetail['category'],
    priority: row.priority as SupportCaseDetail['priority'],
    status: row.status as SupportCaseDetail['status'],
    ...presentCaseTitle(found),
    isEmergency: Boolean(row.isEmergency),
    raisedBy: String(row.raisedBy),
    raisedByName: text(row.raisedByName),
    raisedByRole: String(row.raisedByRole),
    assignedUserId: text(row.assignedUserId),
    assignedUserName: text(row.assignedUserName),
    createdAt: String(row.createdAt),
    updatedAt: String(row.updatedAt),
    resolvedAt: text(row.resolvedAt),
    version: Number(row.version),
    description: text(row.description),
    formerReference: text(row.formerReference),
    lock: row.lockDeviceId ? { id: String(row.lockDeviceId), serial: String(row.lockSerial) } : null,
    key: row.digitalKeyId ? { id: String(row.digitalKeyId), serial: String(row.keySerial) } : null,
    door: row.doorId
      ? { id: String(row.doorId), label: String(row.doorLabel), streetAddress: String(row.streetAddress) }
      : null,
    customer: row.customerId ? { id: String(row.customerId), name: String(row.customerName) } : null,
    timeline: timeline.map(presentTimelineEntry),
  };
}

/** The case as the actor may see it, with its timeline (after a change, inside its transaction). */
export async function readCaseDetail(db: Queryable, actor: Actor, id: string): Promise<SupportCaseDetail> {
  const row = await findCaseInScope(db, actor, id, 'read');
  return presentSupportCase(row, await listSupportCaseNotes(db, actor.municipalityId, id));
}

/** 409 version_conflict: the case changed since the caller read it. */
export function versionConflict(): ApiError {
  return new ApiError(
    409,
    'version_conflict',
    'The support case was changed by someone else meanwhile; read it again and retry.',
  );
}
