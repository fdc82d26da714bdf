import { explain, renderReasons, type ExplanationLanguage } from '@portvakt/core';
import { isLockInScope } from '@portvakt/storage';
import { notFound } from '../platform/errors';
import { findVisibleStaff, parseAt, type PermissionQuery } from './permission-query';

export interface ExplainPermissionInput {
  staffMemberId: string;
  lockId: string;
  at?: string | undefined;
  language: ExplanationLanguage;
}

/** "May S open L at T, and why", within the caller's scope (`scope`: the permission_check scope). */
export async function explainPermission(query: PermissionQuery<ExplainPermissionInput>) {
  const { db, actor, scope, permissions, input } = query;
  await findVisibleStaff(db, actor, input.staffMemberId);
  // A lock outside the caller's scope is answered exactly like one that does not exist (one
  // query either way): explain's reasons would name another provider's customers and doors.
  if (!(await isLockInScope(db, scope, input.lockId))) throw notFound('lock');
  const { index } = await permissions.get(actor.municipalityId);
  const at = parseAt(input.at, query.now);
  const result = explain(index, input.staffMemberId, input.lockId, at);
  return {
    isAllowed: result.isAllowed,
    staffMemberId: input.staffMemberId,
    lockId: input.lockId,
    at: new Date(at).toISOString(),
    reasons: renderReasons(result.reasons, input.language),
  };
}
