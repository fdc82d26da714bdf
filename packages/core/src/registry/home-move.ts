// The way in after a customer moves home (R3.4, R6.5; docs/api.md "Access path"): a path that
// still led into the former home would let staff open someone else's door and not the new one.
import { checkAccessPath } from './registry-rules';

interface Home {
  residencePropertyId: string | null;
  apartmentDoorId: string | null;
  hasRefusedLock?: boolean;
}

interface PathDoor {
  id: string;
  kind: string;
  propertyId: string;
}

/** Door kinds a path ends at: a home's own door. */
const homeDoorKinds = ['apartment_door', 'key_safe', 'key_tube'];

/**
 * The doors on the way in after a move from `before` to `after`, or null when the home did not
 * change (the path stays as it is). The doors of the old path still in the new residence are kept
 * (a move within the building keeps its entrances), the former home's own door never, and the new
 * home's door ends the path; where that breaks the path's rules, the new home's door alone, and
 * without one no doors at all, until the lock manager sets the new way in.
 */
export function planAccessPathAfterMove(
  path: readonly PathDoor[],
  before: Home,
  after: Home,
  newHomeDoor: PathDoor | null,
): string[] | null {
  const isSameHome =
    before.apartmentDoorId === after.apartmentDoorId &&
    before.residencePropertyId === after.residencePropertyId;
  if (isSameHome || path.length === 0) return null;
  if (!newHomeDoor) return [];
  const kept = path.filter(
    (door) =>
      !homeDoorKinds.includes(door.kind) &&
      door.id !== newHomeDoor.id &&
      (after.residencePropertyId === null || door.propertyId === after.residencePropertyId),
  );
  for (const doors of [[...kept, newHomeDoor], [newHomeDoor]])
    if (checkAccessPath(doors, after).length === 0) return doors.map((door) => door.id);
  return [];
}

/**
 * The district a customer moving to `newHome` gets when the write does not name one: the new
 * home's, so a move is one change and the district never contradicts the home
 * (`district_not_of_home`). Undefined when the write names a district or the residence is unchanged.
 */
export function findDistrictAfterMove(
  before: { residencePropertyId?: unknown } | undefined,
  values: Record<string, unknown>,
  newHome: { districtId?: unknown } | undefined,
): string | undefined {
  if (!newHome || 'districtId' in values || !('residencePropertyId' in values)) return undefined;
  if (before && values.residencePropertyId === before.residencePropertyId) return undefined;
  return typeof newHome.districtId === 'string' ? newHome.districtId : undefined;
}
