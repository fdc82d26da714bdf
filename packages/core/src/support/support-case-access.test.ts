import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../platform/roles';
import {
  canChangeSupportCase,
  judgeCaseLinks,
  readRaiserOrganisation,
  readSupportLinkReach,
} from './support-case-access';

const actor = (role: Role, links: Partial<Actor> = {}): Actor => ({
  kind: 'user',
  id: 'u1',
  label: 'Test',
  role,
  municipalityId: 'm1',
  isReadOnly: false,
  ...links,
});

describe('readSupportLinkReach', () => {
  it('lets the municipality’s support side link anything of the municipality', () => {
    for (const role of ['support', 'lock_manager', 'municipality_admin'] as const)
      expect(Object.values(readSupportLinkReach(actor(role)))).toEqual(
        Array(4).fill({ kind: 'municipality' }),
      );
  });

  it('never lets a property owner link a customer or a key (R2.7), and doors only as the owner', () => {
    const reach = readSupportLinkReach(actor('property_owner', { propertyOwnerId: 'o1' }));
    expect(reach.customerId).toBeNull();
    expect(reach.digitalKeyId).toBeNull();
    expect(reach.doorId).toEqual({ kind: 'owner', propertyOwnerId: 'o1' });
    expect(reach.lockDeviceId).toEqual({ kind: 'owner', propertyOwnerId: 'o1' });
  });

  it('keeps providers to their own customers and keys; staff to the keys they hold', () => {
    const lead = readSupportLinkReach(actor('work_lead', { providerId: 'p1' }));
    expect(lead.customerId).toEqual({ kind: 'provider', providerId: 'p1' });
    expect(lead.digitalKeyId).toEqual({ kind: 'provider', providerId: 'p1' });
    const staff = readSupportLinkReach(actor('staff', { providerId: 'p1', staffMemberId: 's1' }));
    expect(staff.digitalKeyId).toEqual({ kind: 'holder', staffMemberId: 's1', providerId: 'p1' });
    expect(staff.customerId).toEqual({ kind: 'provider', providerId: 'p1' });
  });

  it('gives installers locks and doors only, and auditors nothing', () => {
    const installer = readSupportLinkReach(actor('installer'));
    expect(installer.customerId).toBeNull();
    expect(installer.digitalKeyId).toBeNull();
    expect(installer.doorId).toEqual({ kind: 'municipality' });
    expect(Object.values(readSupportLinkReach(actor('auditor')))).toEqual([null, null, null, null]);
  });
});

describe('readRaiserOrganisation', () => {
  it('stores the provider of staff and work leads, the owner and the locksmith company', () => {
    expect(readRaiserOrganisation(actor('staff', { providerId: 'p1', staffMemberId: 's1' }))).toEqual({
      providerId: 'p1',
      propertyOwnerId: null,
      locksmithCompanyId: null,
    });
    expect(readRaiserOrganisation(actor('property_owner', { propertyOwnerId: 'o1' })).propertyOwnerId).toBe(
      'o1',
    );
    expect(readRaiserOrganisation(actor('installer', { locksmithCompanyId: 'c1' })).locksmithCompanyId).toBe(
      'c1',
    );
    expect(readRaiserOrganisation(actor('support'))).toEqual({
      providerId: null,
      propertyOwnerId: null,
      locksmithCompanyId: null,
    });
  });
});

describe('canChangeSupportCase', () => {
  it('leaves triage (priority, assignee) to the municipality’s roles; status to anyone updating', () => {
    expect(canChangeSupportCase('provider', { priority: 'high' })).toBe(false);
    expect(canChangeSupportCase('assignee', { assignedUserId: null })).toBe(false);
    expect(canChangeSupportCase('provider', {})).toBe(true);
    expect(canChangeSupportCase('municipality', { priority: 'high', assignedUserId: 'u2' })).toBe(true);
  });
});

describe('judgeCaseLinks', () => {
  const wayIn = { pathDoorIds: ['entrance', 'stairwell'], apartmentDoorId: 'flat' };

  it('accepts a door or a lock on the customer’s way in, or their apartment door', () => {
    for (const doorId of ['entrance', 'stairwell', 'flat'])
      expect(judgeCaseLinks({ doorId, lockDoorId: undefined }, wayIn)).toBeNull();
    expect(judgeCaseLinks({ doorId: 'entrance', lockDoorId: 'entrance' }, wayIn)).toBeNull();
  });

  it('refuses a lock that sits on another door than the one the case names, customer named or not', () => {
    for (const doors of [wayIn, null])
      expect(judgeCaseLinks({ doorId: 'flat', lockDoorId: 'entrance' }, doors)).toEqual({
        code: 'lock_not_on_door',
        field: 'lockDeviceId',
        message: 'The lock is not on the door the case names.',
      });
    expect(judgeCaseLinks({ doorId: 'flat', lockDoorId: null }, null)?.code).toBe('lock_not_on_door');
  });

  it('judges no customer’s way in when the case names no customer', () => {
    expect(judgeCaseLinks({ doorId: 'anywhere', lockDoorId: undefined }, null)).toBeNull();
    expect(judgeCaseLinks({ doorId: undefined, lockDoorId: null }, null)).toBeNull();
    expect(judgeCaseLinks({ doorId: 'anywhere', lockDoorId: 'anywhere' }, null)).toBeNull();
  });

  it('refuses another customer’s door, naming the door field', () => {
    expect(judgeCaseLinks({ doorId: 'next-door-flat', lockDoorId: undefined }, wayIn)).toEqual({
      code: 'door_not_of_customer',
      field: 'doorId',
      message: expect.stringContaining('way in'),
    });
  });

  it('refuses a lock on another customer’s door, or on no door at all, naming the lock field', () => {
    for (const lockDoorId of ['next-door-flat', null])
      expect(judgeCaseLinks({ doorId: undefined, lockDoorId }, wayIn)).toMatchObject({
        code: 'lock_not_of_customer',
        field: 'lockDeviceId',
      });
  });

  it('judges the door before the lock', () => {
    expect(
      judgeCaseLinks(
        { doorId: 'elsewhere', lockDoorId: 'elsewhere' },
        { pathDoorIds: [], apartmentDoorId: null },
      )?.field,
    ).toBe('doorId');
  });
});
