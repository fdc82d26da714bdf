// The stable rule codes of the permission model (docs/permissions.md "Single checks and explain").
/** Rules that allow opening. */
export const allowRules = ['team_service', 'area_rule', 'individual_grant', 'shared_door_grant'] as const;
export type AllowRule = (typeof allowRules)[number];

/** Reasons for a refusal, most specific first. */
export const denyRules = [
  'unknown_staff',
  'unknown_lock',
  'employment_not_started',
  'employment_ended',
  'customer_refused_lock',
  'membership_expired',
  'membership_not_started',
  'assignment_ended',
  'assignment_not_started',
  'grant_expired',
  'grant_not_started',
  'no_chosen_provider',
  'service_not_active',
  'outside_service_window',
  'no_rule',
] as const;
export type DenyRule = (typeof denyRules)[number];
export type PermissionRule = AllowRule | DenyRule;
