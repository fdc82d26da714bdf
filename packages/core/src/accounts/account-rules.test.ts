import { describe, expect, it } from 'vitest';
import { checkNewToken, checkNewUserLinks, checkPasswordStrength, checkUserChange } from './account-rules';

const provider = '00000000-0000-4000-8000-000000000001';
const otherProvider = '00000000-0000-4000-8000-000000000002';
const now = Date.parse('2026-03-01T12:00:00Z');

describe('password strength', () => {
  it('asks for 12 to 200 characters', () => {
    expect(checkPasswordStrength('a'.repeat(11))).toMatch(/at least 12/);
    expect(checkPasswordStrength('a'.repeat(12))).toBeUndefined();
    expect(checkPasswordStrength('a'.repeat(200))).toBeUndefined();
    expect(checkPasswordStrength('a'.repeat(201))).toMatch(/at most 200/);
  });
});

describe('links of a new user account', () => {
  it('needs a provider for work leads and staff', () => {
    expect(checkNewUserLinks({ role: 'work_lead' })?.code).toBe('provider_required');
    expect(checkNewUserLinks({ role: 'staff', providerId: null })?.code).toBe('provider_required');
    expect(checkNewUserLinks({ role: 'work_lead', providerId: provider })).toBeUndefined();
  });

  it('needs the staff member of the same provider for a staff account', () => {
    expect(checkNewUserLinks({ role: 'staff', providerId: provider })?.code).toBe('staff_member_required');
    expect(
      checkNewUserLinks({ role: 'staff', providerId: provider, staffMember: { providerId: otherProvider } })
        ?.code,
    ).toBe('staff_member_required');
    expect(
      checkNewUserLinks({ role: 'staff', providerId: provider, staffMember: { providerId: provider } }),
    ).toBeUndefined();
  });

  it('needs the owner for a property-owner account, and nothing for office roles', () => {
    expect(checkNewUserLinks({ role: 'property_owner' })?.code).toBe('property_owner_required');
    expect(checkNewUserLinks({ role: 'property_owner', propertyOwnerId: provider })).toBeUndefined();
    expect(checkNewUserLinks({ role: 'auditor' })).toBeUndefined();
  });
});

describe('changing a user account', () => {
  it('refuses disabling yourself, allows disabling others and other changes to yourself', () => {
    expect(checkUserChange('me', 'me', { isDisabled: true })?.code).toBe('cannot_disable_self');
    expect(checkUserChange('me', 'me', { isDisabled: false })).toBeUndefined();
    expect(checkUserChange('me', 'you', { isDisabled: true })).toBeUndefined();
  });
});

describe('terms of a new API token', () => {
  it('lets only work-lead tokens act for a provider, and requires it of them', () => {
    expect(checkNewToken({ role: 'auditor', providerId: provider }, now)?.code).toBe(
      'provider_not_applicable',
    );
    expect(checkNewToken({ role: 'work_lead' }, now)?.code).toBe('provider_required');
    expect(checkNewToken({ role: 'work_lead', providerId: provider }, now)).toBeUndefined();
    expect(checkNewToken({ role: 'auditor', providerId: null }, now)).toBeUndefined();
  });

  it('refuses a token that is expired when it is made, measured by the given clock', () => {
    expect(checkNewToken({ role: 'auditor', expiresAt: '2026-03-01T12:00:00Z' }, now)?.code).toBe(
      'already_expired',
    );
    expect(checkNewToken({ role: 'auditor', expiresAt: '2026-03-01T12:00:01Z' }, now)).toBeUndefined();
    expect(checkNewToken({ role: 'auditor', expiresAt: null }, now)).toBeUndefined();
  });
});
