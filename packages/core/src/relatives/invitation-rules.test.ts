import { describe, expect, it } from 'vitest';
import {
  checkRelativeUsername,
  computeInvitationExpiry,
  isAccountDisabledByWithdrawal,
  judgeInvitationUse,
  nameInviterToRelative,
  readInvitationStatus,
} from './invitation-rules';

const made = new Date('2026-11-02T09:00:00Z');
const pending = { expiresAt: new Date('2026-11-16T09:00:00Z'), usedAt: null, withdrawnAt: null };

describe('relative invitations', () => {
  it('expire after 14 days, or the municipality’s setting when it is sensible', () => {
    expect(computeInvitationExpiry(made, {})).toEqual(new Date('2026-11-16T09:00:00Z'));
    expect(computeInvitationExpiry(made, { relativeInvitationDays: 3 })).toEqual(
      new Date('2026-11-05T09:00:00Z'),
    );
    expect(computeInvitationExpiry(made, { relativeInvitationDays: 0 })).toEqual(
      new Date('2026-11-16T09:00:00Z'),
    );
    expect(computeInvitationExpiry(made, { relativeInvitationDays: 'x' })).toEqual(
      new Date('2026-11-16T09:00:00Z'),
    );
  });

  it('work until the expiry instant, once, unless withdrawn', () => {
    expect(judgeInvitationUse(pending, new Date('2026-11-16T08:59:59Z'))).toBeNull();
    expect(judgeInvitationUse(pending, new Date('2026-11-16T09:00:00Z'))?.code).toBe('invitation_expired');
    const used = { ...pending, usedAt: made };
    expect(judgeInvitationUse(used, made)).toMatchObject({ status: 409, code: 'invitation_used' });
    const withdrawn = { ...pending, withdrawnAt: made };
    expect(judgeInvitationUse(withdrawn, made)).toMatchObject({ status: 410, code: 'invitation_withdrawn' });
    expect(readInvitationStatus({ ...used, withdrawnAt: made }, made)).toBe('withdrawn');
    expect(readInvitationStatus(pending, made)).toBe('pending');
  });

  it('disable the account only when withdrawn after use', () => {
    expect(isAccountDisabledByWithdrawal(pending)).toBe(false);
    expect(isAccountDisabledByWithdrawal({ ...pending, usedAt: made })).toBe(true);
  });

  it('name the inviter to the relative by the person, else the provider, else the municipality', () => {
    const municipalityName = 'Danderyds kommun';
    expect(
      nameInviterToRelative({ personName: 'Eva Lund', providerName: 'Omsorgshuset AB', municipalityName }),
    ).toBe('Eva Lund');
    expect(
      nameInviterToRelative({ personName: null, providerName: 'Omsorgshuset AB', municipalityName }),
    ).toBe('Omsorgshuset AB');
    expect(nameInviterToRelative({ personName: null, providerName: null, municipalityName })).toBe(
      municipalityName,
    );
  });

  it('accept plain lower-case usernames only', () => {
    expect(checkRelativeUsername('anna.berg')).toBeUndefined();
    expect(checkRelativeUsername('Anna')).toBeDefined();
    expect(checkRelativeUsername('ab')).toBeDefined();
    expect(checkRelativeUsername('-anna')).toBeDefined();
  });
});
