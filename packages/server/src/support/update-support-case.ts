import type { SupportCaseDetail, SupportCasePatchBody } from '@portvakt/contract';
import { canChangeSupportCase, judgeEmergencyCaseStatus, supportAssigneeRoles } from '@portvakt/core';
import {
  appendSupportCaseNote,
  findUser,
  isEmergencyOfCaseOpen,
  updateSupportCase as writeSupportCase,
} from '@portvakt/storage';
import { auditWithDetail, withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { ApiError, forbidden } from '../platform/errors';
import { findCaseInScope, readCaseDetail, versionConflict, noteAuthorOf } from './support-case-access';

/**
 * Changes a case's status, priority or assignee at the `version` the caller read (409
 * version_conflict otherwise); each real change leaves a timeline entry and the whole an audit
 * entry. Triage (priority, assignee) is the municipality's support side's; the assignee must be a
 * support, lock manager or municipality admin account of the same municipality (422). An
 * emergency's own case is resolved by closing its emergency: not resolved or closed before (409).
 */
export async function updateSupportCase(
  options: WriteOptions<{ id: string; change: SupportCasePatchBody }>,
): Promise<SupportCaseDetail> {
  const { actor, input, now } = options;
  const { change } = input;
  return withAuditedTransaction(options, async (client, audit) => {
    const before = await findCaseInScope(client, actor, input.id, 'update');
    const scope = authorise(actor, 'support_case', 'update');
    if (!canChangeSupportCase(scope.kind, change))
      throw forbidden('Priority and assignee of a support case are set by support.');
    if (before.version !== change.version) throw versionConflict();
    let assigneeName: string | null = null;
    if (change.assignedUserId) {
      const user = await findUser(client, actor.municipalityId, change.assignedUserId);
      if (!user || user.isDisabled || !supportAssigneeRoles.includes(user.role))
        throw new ApiError(
          422,
          'invalid_assignee',
          'A case can be assigned only to a support, lock manager or municipality admin account of the municipality.',
          { field: 'assignedUserId' },
        );
      assigneeName = user.displayName;
    }
    const fields = {
      status: change.status !== undefined && change.status !== before.status ? change.status : undefined,
      priority:
        change.priority !== undefined && change.priority !== before.priority ? change.priority : undefined,
      assignedUserId:
        change.assignedUserId !== undefined && change.assignedUserId !== before.assignedUserId
          ? change.assignedUserId
          : undefined,
    };
    if (fields.status === undefined && fields.priority === undefined && fields.assignedUserId === undefined)
      return readCaseDetail(client, actor, input.id);
    if (
      fields.status !== undefined &&
      before.isEmergency &&
      judgeEmergencyCaseStatus(
        fields.status,
        await isEmergencyOfCaseOpen(client, actor.municipalityId, input.id),
      )
    )
      throw new ApiError(
        409,
        'emergency_not_closed',
        'The case of an open emergency opening is resolved by closing the emergency.',
      );
    if (
      !(await writeSupportCase(client, {
        municipalityId: actor.municipalityId,
        id: input.id,
        expectedVersion: change.version,
        fields,
        at: now,
      }))
    )
      throw versionConflict();
    const note = (
      kind: 'status' | 'priority' | 'assignee',
      body: string,
      from: string | null | undefined,
      to: string | null | undefined,
    ) =>
      appendSupportCaseNote(
        client,
        {
          municipalityId: actor.municipalityId,
          supportCaseId: input.id,
          kind,
          body,
          fromValue: from ?? null,
          toValue: to ?? null,
          ...noteAuthorOf(actor),
        },
        now,
      );
    if (fields.status !== undefined) await note('status', 'changed', before.status as string, fields.status);
    if (fields.priority !== undefined)
      await note('priority', 'changed', before.priority as string, fields.priority);
    if (fields.assignedUserId !== undefined)
      await note(
        'assignee',
        fields.assignedUserId === null ? 'unassigned' : 'assigned',
        before.assignedUserName as string | null,
        assigneeName,
      );
    const after = await readCaseDetail(client, actor, input.id);
    return auditWithDetail(audit, { action: 'update', entity: 'support_case', id: input.id, before }, after);
  });
}
