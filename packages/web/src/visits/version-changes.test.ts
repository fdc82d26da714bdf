import { describe, expect, it } from 'vitest';
import { listChangedFields, versionFields, type VisitVersion } from './version-changes';

const first: VisitVersion = {
  version: 1,
  customerId: '00000000-0000-4000-8000-000000000001',
  state: 'incomplete',
  arrival: '2026-03-16T07:30:00.000Z',
  departure: null,
  staffMemberIds: ['00000000-0000-4000-8000-000000000011'],
  staffNames: ['Anna Svensson'],
  services: ['meals'],
  declinedReason: null,
  createdBy: 'lock',
  createdByName: null,
  createdAt: '2026-03-16T07:30:05.000Z',
  reason: null,
  supersededAt: '2026-03-16T08:05:05.000Z',
  supersededBy: 'lock',
  evidence: [],
};

describe('listChangedFields', () => {
  it('lists every field of the first version, in the order the history shows them', () => {
    expect(listChangedFields(first, undefined)).toEqual(versionFields);
  });

  it('lists only what a later version changed, whoever made it and whatever it stands on', () => {
    const departed = { ...first, version: 2, departure: '2026-03-16T08:05:00.000Z', state: 'registered' };
    expect(listChangedFields(departed, first)).toEqual(['departure', 'state']);
    const restaffed = {
      ...departed,
      version: 3,
      staffMemberIds: ['00000000-0000-4000-8000-000000000012', '00000000-0000-4000-8000-000000000011'],
      services: ['meals', 'medication'],
      createdBy: 'lead',
      reason: 'Dubbelbemanning',
    };
    expect(listChangedFields(restaffed, departed)).toEqual(['staffMemberIds', 'services']);
    // The same staff or services in another order changed nothing.
    const reordered = {
      ...restaffed,
      version: 4,
      staffMemberIds: [...restaffed.staffMemberIds].reverse(),
      services: ['medication', 'meals'],
    };
    expect(listChangedFields(reordered, restaffed)).toEqual([]);
    expect(listChangedFields({ ...restaffed, version: 5 }, restaffed)).toEqual([]);
  });
});
