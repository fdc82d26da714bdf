import { findEmploymentEnd, findEntity as findEntityDefinition, type Actor } from '@portvakt/core';
import { listGrantsReachingPast, type Queryable } from '@portvakt/storage';
import { deleteOnRecord, updateOnRecord } from './update-on-record';

const grantEntity = findEntityDefinition('access_grant');

/**
 * An employment's last day set or moved earlier takes the staff member's individual grants with it
 * (docs/permissions.md "Employment"): a grant that reaches past the midnight ending that day ends
 * there, and one that would only begin after it is removed, each audited as the write's
 * consequence. A grant outlasting the employment opens nothing after it, but would show as current
 * and refuse every later edit that kept its end (`outside_employment`).
 */
export async function endGrantsWithEmployment(
  db: Queryable,
  actor: Actor,
  change: { staffMemberId: string; endsOn: string; requestId: string },
): Promise<void> {
  const end = findEmploymentEnd(change.endsOn);
  for (const grant of await listGrantsReachingPast(db, actor.municipalityId, change.staffMemberId, end)) {
    if (grant.validFrom >= end)
      await deleteOnRecord(db, actor, { entity: grantEntity, id: grant.id, requestId: change.requestId });
    else
      await updateOnRecord(db, actor, {
        entity: grantEntity,
        id: grant.id,
        values: { validUntil: end },
        action: 'update',
        requestId: change.requestId,
      });
  }
}
