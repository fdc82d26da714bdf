import { describe, expect, it } from 'vitest';
import { planAccessPathAfterMove } from './home-move';

const entranceA = { id: 'entrance-a', kind: 'entrance', propertyId: 'a' };
const laundryA = { id: 'laundry-a', kind: 'laundry_room', propertyId: 'a' };
const flatA1 = { id: 'flat-a1', kind: 'apartment_door', propertyId: 'a' };
const flatA2 = { id: 'flat-a2', kind: 'apartment_door', propertyId: 'a' };
const flatB = { id: 'flat-b', kind: 'apartment_door', propertyId: 'b' };
const home = (residencePropertyId: string | null, apartmentDoorId: string | null) => ({
  residencePropertyId,
  apartmentDoorId,
});

describe('the way in after a move home', () => {
  it('stays as it is when the home did not change, or there was no way in', () => {
    expect(
      planAccessPathAfterMove([entranceA, flatA1], home('a', 'flat-a1'), home('a', 'flat-a1'), flatA1),
    ).toBeNull();
    expect(planAccessPathAfterMove([], home('a', 'flat-a1'), home('b', 'flat-b'), flatB)).toBeNull();
  });

  it('keeps the building’s doors in order on a move within it, ending at the new flat', () => {
    expect(
      planAccessPathAfterMove(
        [entranceA, laundryA, flatA1],
        home('a', 'flat-a1'),
        home('a', 'flat-a2'),
        flatA2,
      ),
    ).toEqual(['entrance-a', 'laundry-a', 'flat-a2']);
  });

  it('leaves the former building behind on a move to another', () => {
    expect(
      planAccessPathAfterMove([entranceA, flatA1], home('a', 'flat-a1'), home('b', 'flat-b'), flatB),
    ).toEqual(['flat-b']);
  });

  it('has no way in without a door of the new home, or for a customer who refused a lock', () => {
    expect(planAccessPathAfterMove([entranceA, flatA1], home('a', 'flat-a1'), home('b', null), null)).toEqual(
      [],
    );
    expect(
      planAccessPathAfterMove(
        [entranceA, flatA1],
        home('a', 'flat-a1'),
        { ...home('a', 'flat-a2'), hasRefusedLock: true },
        flatA2,
      ),
    ).toEqual([]);
  });
});
