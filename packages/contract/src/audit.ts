// The audit trail's vocabulary: every action the server and the CLI write to `audit_entry`. The
// console filters and labels by this list (a missing label fails its type check), and
// `audit.test.ts` fails when the server writes an action or an entity that is not here.
import { resources } from '@portvakt/core';

export const auditActions = [
  // Records in the registry and the permission facts.
  'create',
  'update',
  'delete',
  'dismount',
  // Accounts and sessions.
  'login',
  'login_failed',
  'logout',
  'change_password',
  'reset_password',
  // Passkeys (docs/sign-in.md "Passkeys"): registered, removed by their owner, reset by an administrator.
  'register_passkey',
  'remove_passkey',
  'reset_passkeys',
  // OpenID Connect: an account's claim value pre-set or removed by an admin (docs/oidc.md).
  'link',
  'unlink',
  // Keys and devices.
  'block',
  'pin_reset',
  'enrol',
  're_enrol',
  'revoke',
  'rotate',
  'activate',
  'activation_refused',
  'set_pin',
  'set_pin_refused',
  'phone_login',
  // The event log: a legal hold released.
  'release',
  // Visits (R5.3): a new version of a visit, a declined visit, a voided one (registered by
  // mistake), a file from the care system.
  'correct',
  'decline',
  'void',
  'import',
  'confirm',
  'approve',
  // A phone's check-in and check-out (a visit with source phone), and a check-in refused.
  'check_in',
  'check_out',
  'check_in_refused',
  // Visit-window mode: an alarm opened a break-glass window; a work lead reviewed an opening in one.
  'break_glass',
  'review',
  // Work orders: a change of state, a lock installed or moved by an installer (docs/work-orders.md).
  'transition',
  'install',
  'move',
  // Consent requests to property owners (docs/consents.md): a reminder mailed, the owner's answer
  // through the e-service, a withdrawal recorded.
  'remind',
  'answer',
  'withdraw',
  // Key cabinets: a cabinet taken out of use (docs/key-cabinets.md).
  'retire',
  // Emergency opening: a locksmith assigned, the locksmith's arrival through the link.
  'assign',
  'arrive',
  // Backup keys and deviation plans (docs/backup-keys.md): a plan rejected, a key returned to the customer.
  'reject',
  'return',
  // Webhooks (docs/webhooks.md): a failed delivery sent again; a subscription disabled after a day of failures.
  'replay',
  'disable',
  // Demo data.
  'seed',
] as const;

export type AuditAction = (typeof auditActions)[number];

/**
 * Every entity an entry can be about: core's resources, and what is recorded without being one (a
 * session's login and logout, a lock's battery change). GET /audit filters by these and refuses any
 * other name (400), so a mistyped filter is not answered as an empty trail.
 */
export const auditEntities = [...resources, 'user_session', 'battery_change'] as const;

export type AuditEntity = (typeof auditEntities)[number];
