/** The roles of DESIGN §2 that log in to the administration API. */
export const roles = [
  'municipality_admin',
  'lock_manager',
  'installer',
  'work_lead',
  'staff',
  'support',
  'auditor',
  'property_owner',
  // A customer's relative (R4.4, docs/relatives.md): reads that one customer's visit list only.
  'relative',
] as const;
export type Role = (typeof roles)[number];

/**
 * The municipality's own offices. Their people's names may be shown to every reader of a record
 * they touched; another organisation's people are named only to their own organisation (R2.7).
 */
export const municipalStaffRoles = [
  'municipality_admin',
  'lock_manager',
  'support',
  'auditor',
] as const satisfies readonly Role[];

/** Who is making a request: a logged-in user or an integration token, always within one municipality. */
export interface Actor {
  kind: 'user' | 'token';
  id: string;
  label: string;
  /** A user's name as people know them (the label is the username, which the audit trail keeps). */
  displayName?: string | null;
  role: Role;
  municipalityId: string;
  /** Work leads and staff act for exactly one provider. */
  providerId?: string | null;
  /** Staff: the staff member this account is. */
  staffMemberId?: string | null;
  /** Property owners: the owner organisation this account represents. */
  propertyOwnerId?: string | null;
  /** Installers: the locksmith company the account works for, if any. */
  locksmithCompanyId?: string | null;
  /** Read-only integration tokens may never change anything. */
  isReadOnly: boolean;
}

/** Returns whether a role is bound to one provider, so its account must name that provider. */
export function isProviderRole(role: Role): boolean {
  return role === 'work_lead' || role === 'staff';
}
