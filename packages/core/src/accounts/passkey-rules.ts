// The rules of passkeys (WebAuthn, docs/sign-in.md "Passkeys"): which accounts must sign in with
// one, what a password alone still opens for them, how long a ceremony may take, and what may be
// removed or reset. Pure: the server hands in the account, its passkeys and the settings.
import type { Role } from '../platform/roles';
import type { AccountRefusal } from './account-rules';

/**
 * The roles that administer who may open a vulnerable person's door (R10.1): when the
 * municipality requires it, these sign in with a passkey, never with a password alone.
 */
export const administrativeRoles = ['municipality_admin', 'lock_manager', 'work_lead', 'auditor'] as const;

/** How long a handed-out challenge may be answered: long enough for a person with a key, no more. */
export const passkeyChallengeSeconds = 5 * 60;

/** How long the enrolment step after a right password stays open. */
export const passkeyEnrolmentSeconds = 10 * 60;

/** The municipality's passkey settings, from `municipality.settings` (absent means not required). */
export interface PasskeySettings {
  isRequiredForAdmins: boolean;
}

/** Reads `passkeysRequiredForAdmins` from the municipality's settings; anything but `true` is off. */
export function readPasskeySettings(settings: Record<string, unknown> | undefined): PasskeySettings {
  return { isRequiredForAdmins: settings?.passkeysRequiredForAdmins === true };
}

/** Whether an account of `role` must sign in with a passkey under these settings. */
export function isPasskeyRequired(role: Role, settings: PasskeySettings): boolean {
  return settings.isRequiredForAdmins && (administrativeRoles as readonly Role[]).includes(role);
}

/**
 * What a right password opens for an account: a session when no passkey is required; nothing
 * when it must use the passkey it has; only the enrolment step (register a first passkey) when
 * it must have one but has none — after a reset, or when the setting was just turned on. The
 * enrolment step is why turning the setting on can never lock every administrator out.
 */
export function judgePasswordOnlyLogin(account: {
  role: Role;
  passkeyCount: number;
  settings: PasskeySettings;
}): 'session' | 'passkey_required' | 'enrolment' {
  if (!isPasskeyRequired(account.role, account.settings)) return 'session';
  return account.passkeyCount > 0 ? 'passkey_required' : 'enrolment';
}

/** A passkey's name: what its owner calls the device (1–100 characters, not blank). */
export function checkPasskeyName(name: string): AccountRefusal<'blank_text'> | undefined {
  if (name.trim().length === 0 || name.length > 100)
    return { code: 'blank_text', message: 'Name the passkey (1–100 characters), e.g. "Work phone".' };
  return undefined;
}

/**
 * Whether an account may remove one of its own passkeys: not its last one while it must use one,
 * since it could then only sign in through the enrolment step a password opens — a downgrade to
 * the password. Losing the last device is what an administrator's reset is for.
 */
export function checkPasskeyRemoval(account: {
  role: Role;
  passkeyCount: number;
  settings: PasskeySettings;
}): AccountRefusal<'last_required_passkey'> | undefined {
  if (isPasskeyRequired(account.role, account.settings) && account.passkeyCount <= 1)
    return {
      code: 'last_required_passkey',
      message:
        'Your role must sign in with a passkey: register another before removing your last one, or ask an administrator to reset them.',
    };
  return undefined;
}

/** An administrator's reset of someone's passkeys: of another account, with a reason. */
export function checkPasskeyReset(
  actorId: string,
  targetId: string,
  reason: string,
): AccountRefusal<'own_passkeys_reset' | 'reason_required'> | undefined {
  if (actorId === targetId)
    return {
      code: 'own_passkeys_reset',
      message: 'Remove your own passkeys on your passkey page; a reset is for another account.',
    };
  if (reason.trim().length < 3)
    return {
      code: 'reason_required',
      message: 'Say why the passkeys are reset (at least three characters).',
    };
  return undefined;
}
