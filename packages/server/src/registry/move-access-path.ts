// A customer's way in follows a move home in the same change (docs/api.md "Access path"): core's
// `planAccessPathAfterMove` says which doors remain, and the replacement is audited as a path
// replaced by hand is.
import { findEntity as findEntityDefinition, planAccessPathAfterMove, type Actor } from '@portvakt/core';
import { findEntity, readAccessPath, replaceAccessPath, type Queryable, type Row } from '@portvakt/storage';
import { recordChange } from '../audit';

const doorEntity = findEntityDefinition('door');

const homeOf = (customer: Row) => ({
  residencePropertyId: (customer.residencePropertyId as string | null) ?? null,
  apartmentDoorId: (customer.apartmentDoorId as string | null) ?? null,
  hasRefusedLock: customer.hasRefusedLock === true,
});

export async function moveAccessPathWithHome(
  db: Queryable,
  actor: Actor,
  change: { before: Row; after: Row; requestId: string },
): Promise<void> {
  const { municipalityId } = actor;
  const customerId = change.after.id as string;
  const after = homeOf(change.after);
  const path = await readAccessPath(db, municipalityId, customerId);
  const newHome = after.apartmentDoorId
    ? await findEntity(db, doorEntity, { kind: 'municipality', municipalityId }, after.apartmentDoorId)
    : undefined;
  const doorIds = planAccessPathAfterMove(
    path.map((step) => ({ id: step.doorId, kind: step.kind, propertyId: step.propertyId })),
    homeOf(change.before),
    after,
    newHome
      ? { id: newHome.id as string, kind: newHome.kind as string, propertyId: newHome.propertyId as string }
      : null,
  );
  if (doorIds === null) return;
  await replaceAccessPath(db, municipalityId, customerId, doorIds);
  await recordChange(db, actor, {
    action: 'update',
    entity: 'access_path',
    entityId: customerId,
    before: path.map((step) => step.doorId),
    after: doorIds,
    requestId: change.requestId,
  });
}
