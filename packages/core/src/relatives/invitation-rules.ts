// Relatives' invitations (R4.4, docs/relatives.md): a single-use link with an expiry that a
// customer's work lead sends to a relative, who makes a `relative` account with it. Pure: the
// server hands in the invitation as stored and the clock reading.
import { readWholeNumberSetting } from '../platform/whole-number-setting';

/** How long an invitation link works unless the municipality says otherwise. */
export const defaultInvitationDays = 14;

/** Where an invitation stands; `used` and `withdrawn` are final, `expired` follows from the clock. */
export const relativeInvitationStatuses = ['pending', 'used', 'expired', 'withdrawn'] as const;
export type RelativeInvitationStatus = (typeof relativeInvitationStatuses)[number];

export interface InvitationFacts {
  expiresAt: Date;
  usedAt: Date | null;
  withdrawnAt: Date | null;
}

/** The invitation's status at `now`: withdrawn wins (also after use, when it disabled the account). */
export function readInvitationStatus(invitation: InvitationFacts, now: Date): RelativeInvitationStatus {
  if (invitation.withdrawnAt) return 'withdrawn';
  if (invitation.usedAt) return 'used';
  if (invitation.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'pending';
}

/** When an invitation made at `now` stops working: `days` whole days later (1–60; default 14). */
export function computeInvitationExpiry(now: Date, settings: Record<string, unknown> | undefined): Date {
  const days = readWholeNumberSetting(settings?.relativeInvitationDays, defaultInvitationDays, { max: 60 });
  return new Date(now.getTime() + days * 86_400_000);
}

export interface InvitationRefusal {
  status: 409 | 410;
  code: 'invitation_used' | 'invitation_expired' | 'invitation_withdrawn';
  message: string;
}

/**
 * Whether the link may still be used to make an account: a used link is spent (409), a withdrawn
 * or expired one is gone (410). Returns null when it may.
 */
export function judgeInvitationUse(invitation: InvitationFacts, now: Date): InvitationRefusal | null {
  switch (readInvitationStatus(invitation, now)) {
    case 'withdrawn':
      return {
        status: 410,
        code: 'invitation_withdrawn',
        message: 'This invitation has been withdrawn. Ask the care provider for a new one.',
      };
    case 'used':
      return { status: 409, code: 'invitation_used', message: 'This invitation has already been used.' };
    case 'expired':
      return {
        status: 410,
        code: 'invitation_expired',
        message: 'This invitation has expired. Ask the care provider for a new one.',
      };
    case 'pending':
      return null;
  }
}

/** Whether withdrawing also disables an account: only when the link was used to make one. */
export function isAccountDisabledByWithdrawal(invitation: InvitationFacts): boolean {
  return invitation.usedAt !== null && invitation.withdrawnAt === null;
}

/** Who made an invitation, as far as the relative may be told (the mail, the link's page). */
export interface InviterFacts {
  /** The inviting person's name; null when an API token invited. */
  personName: string | null;
  /** The provider the inviter acts for; null for a municipal role. */
  providerName: string | null;
  municipalityName: string;
}

/**
 * The inviter's name a relative reads: a person by their name; an API token by the provider it
 * acts for, or else the municipality. A token's own name is an internal label ("token:…") no
 * member of the public should read; the audit trail keeps it.
 */
export function nameInviterToRelative(inviter: InviterFacts): string {
  return inviter.personName ?? inviter.providerName ?? inviter.municipalityName;
}

/** A username a relative may choose: 3–40 of a–z, 0–9, '.', '-', '_', starting with a letter or digit. */
export function checkRelativeUsername(username: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9._-]{2,39}$/.test(username))
    return 'Choose 3–40 characters: lower-case letters a–z, digits, dot, dash or underscore.';
  return undefined;
}
