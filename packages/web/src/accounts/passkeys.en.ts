import type { passkeysSv } from './passkeys.sv';

export const passkeysEn: Record<keyof typeof passkeysSv, string> = {
  'passkeys.nav': 'Passkeys',
  'passkeys.signIn': 'Use a passkey',
  'passkeys.signingIn': 'Waiting for the passkey…',
  'passkeys.or': 'or',
  'passkeys.required':
    'Your account signs in with a passkey. Use your passkey, or ask an administrator to reset it if you have lost it.',
  'passkeys.enrolTitle': 'Create a passkey',
  'passkeys.enrolIntro':
    'Your municipality requires a passkey for your role and your account has none yet. Create one now with your phone, computer or a security key; then you sign in with it. This step lasts ten minutes.',
  'passkeys.name': 'Name of the passkey',
  'passkeys.nameHint': 'For example "Work phone" or "Security key".',
  'passkeys.create': 'Create passkey',
  'passkeys.creating': 'Waiting for the passkey…',
  'passkeys.title': 'Passkeys',
  'passkeys.intro':
    'A passkey signs you in without a password, with your phone’s or computer’s screen lock or a security key. You can have several.',
  'passkeys.mustUse': 'Your role must sign in with a passkey. Keep at least one.',
  'passkeys.yours': 'Your passkeys',
  'passkeys.none': 'You have no passkeys yet.',
  'passkeys.created': 'Created',
  'passkeys.lastUsed': 'Last used',
  'passkeys.never': 'Never',
  'passkeys.synced': 'Synced between devices',
  'passkeys.add': 'Add a passkey',
  'passkeys.added': 'The passkey "{name}" is saved.',
  'passkeys.remove': 'Remove',
  'passkeys.removeTitle': 'Remove the passkey "{name}"?',
  'passkeys.removeText': 'It will no longer sign you in.',
  'passkeys.requirement': 'Requirement for administrative roles',
  'passkeys.requirementIntro':
    'Municipality admins, lock managers, work leads and auditors then sign in with a passkey only. Whoever has none may create one right after the right password, so no one is locked out.',
  'passkeys.requireLabel': 'Require passkeys for administrative roles',
  'passkeys.requirementSaved': 'The requirement is saved.',
  'passkeys.reset': 'Reset someone else’s passkeys',
  'passkeys.resetIntro':
    'Removes every passkey of the account (a lost phone, say) and signs it out. The account creates a new one when it next signs in. The reason is kept in the audit trail.',
  'passkeys.account': 'Account',
  'passkeys.chooseAccount': 'Choose an account',
  'passkeys.reason': 'Reason',
  'passkeys.resetButton': 'Reset passkeys',
  'passkeys.resetDone': 'Passkeys removed: {count}.',
  'passkeys.unsupported': 'This browser cannot use passkeys.',
  'passkeys.cancelled': 'The passkey was cancelled or took too long. Try again.',
};
