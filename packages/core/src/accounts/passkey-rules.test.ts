import { describe, expect, it } from 'vitest';
import {
  checkPasskeyName,
  checkPasskeyRemoval,
  checkPasskeyReset,
  isPasskeyRequired,
  judgePasswordOnlyLogin,
  readPasskeySettings,
} from './passkey-rules';

const required = { isRequiredForAdmins: true };
const optional = { isRequiredForAdmins: false };

describe('passkey rules', () => {
  it('reads the setting as off unless it is exactly true', () => {
    expect(readPasskeySettings({})).toEqual(optional);
    expect(readPasskeySettings(undefined)).toEqual(optional);
    expect(readPasskeySettings({ passkeysRequiredForAdmins: 'yes' })).toEqual(optional);
    expect(readPasskeySettings({ passkeysRequiredForAdmins: true })).toEqual(required);
  });

  it('requires passkeys of the four administrative roles only', () => {
    expect(isPasskeyRequired('municipality_admin', required)).toBe(true);
    expect(isPasskeyRequired('lock_manager', required)).toBe(true);
    expect(isPasskeyRequired('work_lead', required)).toBe(true);
    expect(isPasskeyRequired('auditor', required)).toBe(true);
    expect(isPasskeyRequired('staff', required)).toBe(false);
    expect(isPasskeyRequired('installer', required)).toBe(false);
    expect(isPasskeyRequired('support', required)).toBe(false);
    expect(isPasskeyRequired('municipality_admin', optional)).toBe(false);
  });

  it('lets a password open a session, nothing, or only the enrolment step', () => {
    expect(judgePasswordOnlyLogin({ role: 'staff', passkeyCount: 0, settings: required })).toBe('session');
    expect(judgePasswordOnlyLogin({ role: 'auditor', passkeyCount: 2, settings: optional })).toBe('session');
    expect(judgePasswordOnlyLogin({ role: 'auditor', passkeyCount: 1, settings: required })).toBe(
      'passkey_required',
    );
    expect(judgePasswordOnlyLogin({ role: 'lock_manager', passkeyCount: 0, settings: required })).toBe(
      'enrolment',
    );
  });

  it('refuses blank or overlong names', () => {
    expect(checkPasskeyName('Jobbtelefon')).toBeUndefined();
    expect(checkPasskeyName('   ')?.code).toBe('blank_text');
    expect(checkPasskeyName('x'.repeat(101))?.code).toBe('blank_text');
  });

  it('keeps the last passkey of an account that must use one', () => {
    expect(checkPasskeyRemoval({ role: 'work_lead', passkeyCount: 1, settings: required })?.code).toBe(
      'last_required_passkey',
    );
    expect(checkPasskeyRemoval({ role: 'work_lead', passkeyCount: 2, settings: required })).toBeUndefined();
    expect(checkPasskeyRemoval({ role: 'work_lead', passkeyCount: 1, settings: optional })).toBeUndefined();
    expect(checkPasskeyRemoval({ role: 'staff', passkeyCount: 1, settings: required })).toBeUndefined();
  });

  it('resets only another account, with a reason', () => {
    expect(checkPasskeyReset('a', 'a', 'Lost phone')?.code).toBe('own_passkeys_reset');
    expect(checkPasskeyReset('a', 'b', ' ok ')?.code).toBe('reason_required');
    expect(checkPasskeyReset('a', 'b', 'Tappat telefonen')).toBeUndefined();
  });
});
