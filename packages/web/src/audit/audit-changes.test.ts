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
