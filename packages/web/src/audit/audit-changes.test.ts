import { describe, expect, it } from 'vitest';
import { createTranslator } from '../shared/i18n';
import { describeChanges, listChanges } from './audit.page';
import { readReferenceNames } from './audit-values';

describe('the audit trail’s changed values', () => {
  const before = { employmentStartsOn: '2026-12-03', name: 'Anna', code: '2026-Q2', endsAt: null };
  const after = { employmentStartsOn: '2027-01-15', name: 'Anna 2026-12-03', code: '2026-Q3', endsAt: null };

  it('writes a calendar day as the translator does: ISO in Swedish, in words in English', () => {
    expect(listChanges(before, after, createTranslator('sv'))).toEqual([
      { field: 'employmentStartsOn', before: '2026-12-03', after: '2027-01-15' },
      { field: 'name', before: 'Anna', after: 'Anna 2026-12-03' },
      { field: 'code', before: '2026-Q2', after: '2026-Q3' },
    ]);
    expect(listChanges(before, after, createTranslator('en'))).toEqual([
      { field: 'employmentStartsOn', before: '3 Dec 2026', after: '15 Jan 2027' },
      { field: 'name', before: 'Anna', after: 'Anna 2026-12-03' },
      { field: 'code', before: '2026-Q2', after: '2026-Q3' },
    ]);
  });

  it('keeps writing an instant as a date-time', () => {
    const en = createTranslator('en');
    const [change] = listChanges({ endsAt: null }, { endsAt: '2026-12-03T10:00:00.000Z' }, en);
    expect(change).toEqual({
      field: 'endsAt',
      before: '–',
      after: en.formatDateTime('2026-12-03T10:00:00.000Z'),
    });
  });
});

describe('the audit trail’s references and object values', () => {
  const door = '6f1c1b0e-8a55-4d5e-9a0f-2f7d0c6b1a01';
  const provider = '6f1c1b0e-8a55-4d5e-9a0f-2f7d0c6b1a02';
  const account = '6f1c1b0e-8a55-4d5e-9a0f-2f7d0c6b1a03';
  const references = readReferenceNames([
    { kind: 'door', id: door, name: 'Storgatan 3, port' },
    { kind: 'provider', id: provider, name: null },
  ]);

  it('says a reference by the name the page gives it, a record no longer there as removed', () => {
    const before = { doorId: null, providerId: provider, assignedUserId: account };
    const after = { doorId: door, providerId: null, assignedUserId: null };
    expect(listChanges(before, after, createTranslator('sv'), 'lock_device', references)).toEqual([
      { field: 'doorId', before: '–', after: 'Storgatan 3, port' },
      { field: 'providerId', before: '(borttagen)', after: '–' },
      // A reference the page does not name (an account, to an auditor) stays as recorded.
      { field: 'assignedUserId', before: account, after: '–' },
    ]);
    expect(listChanges(before, after, createTranslator('en'), 'lock_device', references)[1]).toEqual({
      field: 'providerId',
      before: '(removed)',
      after: '–',
    });
    const [shown] = describeChanges(
      null,
      { doorId: door },
      createTranslator('sv'),
      'lock_device',
      references,
    );
    expect(shown!.after).toEqual({ type: 'reference', kind: 'door', id: door, name: 'Storgatan 3, port' });
  });

  it('says each id of a list of references, and a reference within an object', () => {
    const after = { doorIds: [door, provider], reasonParams: { targetDoorId: door, note: 'Flytt' } };
    expect(listChanges(null, after, createTranslator('sv'), 'consent_request', references)).toEqual([
      { field: 'doorIds', before: '', after: `Storgatan 3, port, ${provider}` },
      { field: 'reasonParams', before: '', after: 'Dörr låset flyttas till: Storgatan 3, port; note: Flytt' },
    ]);
  });

  it('says an object as its fields by their labels and values, never as JSON', () => {
    const hours = [{ from: '06:00', to: '22:00', days: [1, 2, 3, 4, 5] }];
    expect(
      listChanges({ openingHours: null }, { openingHours: hours }, createTranslator('sv'), 'door'),
    ).toEqual([
      {
        field: 'openingHours',
        before: '–',
        after: 'Från: 06:00; Till: 22:00; Dagar: mån, tis, ons, tors, fre',
      },
    ]);
    const windows = {
      home_care: [
        { from: '07:00', to: '12:00' },
        { from: '13:00', to: '22:00' },
      ],
      safety_alarm: [],
    };
    expect(listChanges({}, { serviceWindows: windows }, createTranslator('en'), 'provider')).toEqual([
      {
        field: 'serviceWindows',
        before: '',
        after: 'Home care: From: 07:00; To: 12:00\nFrom: 13:00; To: 22:00; Safety alarm: –',
      },
    ]);
    for (const { after } of listChanges(
      {},
      { serviceWindows: windows, openingHours: hours },
      createTranslator('sv'),
      'provider',
    ))
      expect(after).not.toMatch(/[{}[\]"]/);
  });
});

describe('the audit trail’s changes to a relative’s invitation, account and an API token', () => {
  const invitation = '6f1c1b0e-8a55-4d5e-9a0f-2f7d0c6b1a11';
  const admin = '6f1c1b0e-8a55-4d5e-9a0f-2f7d0c6b1a12';
  const before = {
    id: invitation,
    relativeName: 'Lena Berg',
    email: 'lena@example.se',
    status: 'used',
    invitedBy: 'Eva Ek',
    createdAt: '2026-12-01T09:00:00.000Z',
    expiresAt: '2026-12-08T09:00:00.000Z',
    usedAt: '2026-12-02T09:00:00.000Z',
    username: 'lena',
    isAccountDisabled: false,
    withdrawnAt: null,
    withdrawnBy: null,
  };
  const after = {
    ...before,
    status: 'withdrawn',
    isAccountDisabled: true,
    withdrawnAt: '2026-12-03T10:00:00.000Z',
    withdrawnBy: 'eva.ek',
  };
  // The entry's actor: the server records who withdrew by their username (`actorLabel`).
  const actor = { actorUserId: admin, actorLabel: 'eva.ek', actorName: 'Eva Ek' };

  it('says a withdrawal’s status in words and who withdrew it by name, in Swedish and in English', () => {
    const sv = createTranslator('sv');
    expect(listChanges(before, after, sv, 'relative_invitation', new Map(), actor)).toEqual([
      { field: 'status', before: 'Konto skapat', after: 'Tillbakadragen' },
      { field: 'isAccountDisabled', before: 'Nej', after: 'Ja' },
      { field: 'withdrawnAt', before: '–', after: sv.formatDateTime('2026-12-03T10:00:00.000Z') },
      { field: 'withdrawnBy', before: '–', after: 'Eva Ek' },
    ]);
    const en = createTranslator('en');
    expect(listChanges(before, after, en, 'relative_invitation', new Map(), actor)).toEqual([
      { field: 'status', before: 'Account created', after: 'Withdrawn' },
      { field: 'isAccountDisabled', before: 'No', after: 'Yes' },
      { field: 'withdrawnAt', before: '–', after: en.formatDateTime('2026-12-03T10:00:00.000Z') },
      { field: 'withdrawnBy', before: '–', after: 'Eva Ek' },
    ]);
  });

  it('keeps a username that is not the entry’s actor’s as recorded', () => {
    const other = { ...actor, actorLabel: 'anna.admin', actorName: 'Anna Admin' };
    const [, , , withdrawnBy] = listChanges(
      before,
      after,
      createTranslator('sv'),
      'relative_invitation',
      new Map(),
      other,
    );
    expect(withdrawnBy).toEqual({ field: 'withdrawnBy', before: '–', after: 'eva.ek' });
  });

  it('says the account a withdrawal closed, and why, in words', () => {
    expect(
      listChanges(
        { isDisabled: false },
        { isDisabled: true, reason: 'relative_invitation_withdrawn' },
        createTranslator('sv'),
        'user_account',
      ),
    ).toEqual([
      { field: 'isDisabled', before: 'Nej', after: 'Ja' },
      { field: 'reason', before: '', after: 'Anhöriginbjudan drogs tillbaka' },
    ]);
  });

  it('says a relative’s new account’s invitation by the name the page gives it', () => {
    const references = readReferenceNames([
      { kind: 'relative_invitation', id: invitation, name: 'Lena Berg' },
    ]);
    const made = { username: 'lena', role: 'relative', invitationId: invitation, invitedBy: 'Eva Ek' };
    expect(listChanges(null, made, createTranslator('sv'), 'user_account', references)).toEqual([
      { field: 'username', before: '', after: 'lena' },
      { field: 'role', before: '', after: 'Anhörig' },
      { field: 'invitationId', before: '', after: 'Lena Berg' },
      { field: 'invitedBy', before: '', after: 'Eva Ek' },
    ]);
  });

  it('says an API token’s role in words and who made it by name, to a reader not told account names too', () => {
    const token = { name: 'Verksamhetssystemet', role: 'work_lead', createdBy: admin, isReadOnly: false };
    const named = readReferenceNames([{ kind: 'user_account', id: admin, name: 'Eva Ek' }]);
    const expected = [
      { field: 'name', before: '', after: 'Verksamhetssystemet' },
      { field: 'role', before: '', after: 'Arbetsledare' },
      { field: 'createdBy', before: '', after: 'Eva Ek' },
      { field: 'isReadOnly', before: '', after: 'Nej' },
    ];
    expect(listChanges(null, token, createTranslator('sv'), 'api_token', named)).toEqual(expected);
    // An auditor's page names no account, but the entry's own actor is named beside every entry.
    expect(listChanges(null, token, createTranslator('sv'), 'api_token', new Map(), actor)).toEqual(expected);
    // Someone else's id, not named by the page, stays as recorded.
    expect(listChanges(null, token, createTranslator('sv'), 'api_token')[2]).toEqual({
      field: 'createdBy',
      before: '',
      after: admin,
    });
  });
});
