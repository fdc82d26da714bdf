// The rules for user accounts and API tokens: which role needs which link (a provider, a staff
// member, a property owner), which roles a token may carry, and how strong a password must be.
// Pure: the server looks up the linked rows and hands them in.
import { isProviderRole, type Role } from '../platform/roles';

/** A refused account change: a stable code for the API and a sentence for a person. */
export interface AccountRefusal<Code extends string = string> {
  code: Code;
  message: string;
}

/** The minimum a municipality can accept for administrator passwords. */
export function checkPasswordStrength(password: string): string | undefined {
  if (password.length < 12) return 'The password must be at least 12 characters.';
  if (password.length > 200) return 'The password must be at most 200 characters.';
  return undefined;
}

export interface NewUserLinks {
  role: Role;
  providerId?: string | null;
  propertyOwnerId?: string | null;
  locksmithCompanyId?: string | null;
  /** The staff member the account names, as found in the municipality (undefined when none). */
  staffMember?: { providerId?: unknown };
}

/**
 * Work leads and staff act for one provider; a staff account is the staff member of that
 * provider; a property-owner account represents one owner. Returns the first rule broken.
 */
export function checkNewUserLinks(
  user: NewUserLinks,
):
  | AccountRefusal<
      'provider_required' | 'staff_member_required' | 'property_owner_required' | 'company_needs_installer'
    >
  | undefined {
  if (isProviderRole(user.role) && !user.providerId) {
    return {
      code: 'provider_required',
      message: 'Work leads and staff act for one provider: give providerId.',
    };
  }
  if (user.role === 'staff' && (!user.staffMember || user.staffMember.providerId !== user.providerId)) {
    return {
      code: 'staff_member_required',
      message: 'A staff account needs the staff member of the same provider.',
    };
  }
  if (user.role === 'property_owner' && !user.propertyOwnerId) {
    return { code: 'property_owner_required', message: 'A property-owner account needs propertyOwnerId.' };
  }
  if (user.locksmithCompanyId && user.role !== 'installer') {
    return {
      code: 'company_needs_installer',
      message: 'Only installer accounts work for a locksmith company (locksmithCompanyId).',
    };
  }
  return undefined;
}

/** An administrator may not lock themselves out by disabling their own account. */
export function checkUserChange(
  actorId: string,
  userId: string,
  change: { isDisabled?: boolean },
): AccountRefusal<'cannot_disable_self'> | undefined {
  if (userId === actorId && change.isDisabled) {
    return { code: 'cannot_disable_self', message: 'You cannot disable your own account.' };
  }
  return undefined;
}

/** The roles an API token may carry: integrations act as an office role, never as a person. */
export const tokenRoles = [
  'municipality_admin',
  'lock_manager',
  'installer',
  'work_lead',
  'support',
  'auditor',
] as const satisfies readonly Role[];
export type TokenRole = (typeof tokenRoles)[number];

export interface NewTokenTerms {
  role: TokenRole;
  providerId?: string | null;
  expiresAt?: string | null;
}

/**
 * Only a work-lead token acts for a provider, and it must name one; a token must not be born
 * expired. `now` is the caller's clock (milliseconds).
 */
export function checkNewToken(
  token: NewTokenTerms,
  now: number,
): AccountRefusal<'provider_not_applicable' | 'provider_required' | 'already_expired'> | undefined {
  if (token.role !== 'work_lead' && token.providerId) {
    return { code: 'provider_not_applicable', message: 'Only work-lead tokens act for a provider.' };
  }
  if (token.role === 'work_lead' && !token.providerId) {
    return {
      code: 'provider_required',
      message: 'A work-lead token acts for one provider: give providerId.',
    };
  }
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) {
    return { code: 'already_expired', message: 'expiresAt must be in the future.' };
  }
  return undefined;
}
