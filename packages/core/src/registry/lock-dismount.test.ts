import { describe, expect, it } from 'vitest';
import { holderNameReach } from '../devices/key-holder';
import { dismountedDoor, isDismountReasonMissing } from './lock-dismount';
import type { Actor, Role } from '../platform/roles';

describe('dismountedDoor', () => {
  const mounted = { status: 'installed', doorId: 'd1' };
  it('taking the lock off, clearing or changing its door is a dismount', () => {
    expect(dismountedDoor(mounted, { status: 'removed', doorId: 'd1' })).toBe('d1');
    expect(dismountedDoor(mounted, { status: 'in_stock', doorId: null })).toBe('d1');
    expect(dismountedDoor(mounted, { status: 'installed', doorId: 'd2' })).toBe('d1');
    expect(dismountedDoor({ status: 'faulty', doorId: 'd1' }, { status: 'removed', doorId: null })).toBe(
      'd1',
    );
  });
  it('a lock that stays on its door, or was on none, is no dismount', () => {
    expect(dismountedDoor(mounted, { status: 'installed', doorId: 'd1' })).toBeUndefined();
    expect(dismountedDoor(mounted, { status: 'faulty', doorId: 'd1' })).toBeUndefined();
    expect(
      dismountedDoor({ status: 'in_stock', doorId: null }, { status: 'removed', doorId: null }),
    ).toBeUndefined();
  });
});

describe('holderNameReach', () => {
  const actor = (role: Role, extra: Partial<Actor> = {}): Actor => ({
    kind: 'user',
    id: 'u',
    label: 'u',
    role,
    municipalityId: 'm',
    isReadOnly: false,
    ...extra,
  });
  it('tells names to staff readers, key managers, a work lead for their provider and staff about themselves', () => {
    expect(holderNameReach(actor('support')).kind).toBe('all');
    expect(holderNameReach(actor('lock_manager')).kind).toBe('all');
    expect(holderNameReach(actor('lock_manager', { isReadOnly: true })).kind).toBe('all');
    expect(holderNameReach(actor('work_lead', { providerId: 'p' }))).toEqual({
      kind: 'provider',
      providerId: 'p',
    });
    expect(holderNameReach(actor('staff', { providerId: 'p', staffMemberId: 's' }))).toEqual({
      kind: 'self',
      staffMemberId: 's',
    });
  });
  it('tells nobody else', () => {
    expect(holderNameReach(actor('installer')).kind).toBe('none');
    expect(holderNameReach(actor('property_owner', { propertyOwnerId: 'o' })).kind).toBe('none');
    expect(holderNameReach(actor('work_lead')).kind).toBe('none'); // no provider: fails closed
  });
});

describe('isDismountReasonMissing', () => {
  it('a forced dismount needs a reason of at least three characters, spaces aside', () => {
    expect(isDismountReasonMissing(true, '')).toBe(true);
    expect(isDismountReasonMissing(true, ' ab ')).toBe(true);
    expect(isDismountReasonMissing(true, 'Byte av lås')).toBe(false);
  });
  it('a dismount that is not forced needs none', () => {
    expect(isDismountReasonMissing(false, '')).toBe(false);
  });
});
