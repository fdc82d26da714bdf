import {
  ApiTokenRow,
  consentSettingsProperties,
  MunicipalityRow,
  passkeySettingsProperties,
  RelativeInvitation,
  supportSettingsProperties,
  UserAccount,
  visitSettingsProperties,
} from '@portvakt/contract';
import { registryEntities } from '@portvakt/core';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../shared/i18n';
import { enumeratedFields, nameChangedField, sayStoredValue } from './audit-fields';
import { listChanges } from './audit.page';

const languages = ['sv', 'en'] as const;

/**
 * Fields the server writes into the audit entries of registry records besides the entity's own:
 * the row's id and whether an identity number is on file (registry-write.ts, storage's
 * `findEntity`), and what dismounting and moving a lock add (dismount-lock.ts,
 * move-work-order-lock.ts). `createdAt` and `updatedAt` are never shown.
 */
const writtenBesides: Record<string, readonly string[]> = {
  lock_device: [
    'dismountReason',
    'dismountedDoorId',
    'customersLosingAccess',
    'customerIdsLosingAccess',
    'workOrderId',
  ],
};

/** Every field of a registry record's audit entry, as `entity.field`. */
const registryFields = registryEntities.flatMap((entity) =>
  [
    'id',
    ...Object.keys(entity.fields),
    ...(entity.hasIdentityNumber ? ['hasIdentityNumber'] : []),
    ...(writtenBesides[entity.resource] ?? []),
  ].map((field) => ({ entity: entity.resource, field })),
);

describe('the audit trail’s field names', () => {
  for (const language of languages) {
    it(`has a ${language} label for every field the server writes into a registry record’s audit entry`, () => {
      // A new field without a label would be shown by its stored name: it is listed here.
      const unlabelled = registryFields
        .filter(({ entity, field }) => nameChangedField(entity, field, language).isStoredName)
        .map(({ entity, field }) => `${entity}.${field}`);
      expect(unlabelled).toEqual([]);
    });
  }

  it('labels a field in the reader’s language, by the entity where one field means different things', () => {
    expect(nameChangedField('digital_key', 'statusReason', 'sv')).toEqual({
      text: 'Anledning',
      isStoredName: false,
    });
    expect(nameChangedField('digital_key', 'statusReason', 'en')).toEqual({
      text: 'Reason',
      isStoredName: false,
    });
    expect(nameChangedField('door', 'kind', 'sv').text).toBe('Dörrtyp');
    expect(nameChangedField('digital_key', 'kind', 'sv').text).toBe('Nyckeltyp');
  });

  it('falls back to the stored name, marked as such, for a field it has no label for', () => {
    for (const language of languages)
      expect(nameChangedField('customer', 'favouriteColour', language)).toEqual({
        text: 'favouriteColour',
        isStoredName: true,
      });
  });
});

/**
 * Fields of the entries the server writes about relatives' invitations, accounts, API tokens and the
 * municipality besides their records' own (the contract's shapes): the storage row's municipality,
 * what a relative's account records of its invitation (relative-link.ts), why a withdrawal closed
 * an account (withdraw-relative-invitation.ts), and the settings PATCH /municipality takes (those
 * the server's route declares itself, and the relatives' invitation days core reads).
 */
const accountFields = {
  relative_invitation: Object.keys(RelativeInvitation.properties),
  user_account: [
    ...Object.keys(UserAccount.properties),
    'municipalityId',
    'customerId',
    'invitationId',
    'invitedBy',
    'usedAt',
    'reason',
  ],
  api_token: [...Object.keys(ApiTokenRow.properties), 'municipalityId'],
  municipality: [
    ...Object.keys(MunicipalityRow.properties),
    ...Object.keys(visitSettingsProperties),
    ...Object.keys(consentSettingsProperties),
    ...Object.keys(supportSettingsProperties),
    ...Object.keys(passkeySettingsProperties),
    'ticketValidityHours',
    'shiftHours',
    'eventRetentionMonths',
    'auditRetentionMonths',
    'eventReadLogRetentionMonths',
    'maxGrantDays',
    'batteryThresholdPercent',
    'relativeInvitationDays',
    'timeZone',
    // Within the settings' objects: visit-window mode, compensation rates, support hours.
    'enabled',
    'marginMinutes',
    'breakGlassMinutes',
    'band',
    'perHour',
    'validFrom',
    'validTo',
    'from',
    'until',
    'weekdays',
  ],
};

describe('the audit trail’s field names of invitations, accounts, API tokens and settings', () => {
  for (const language of languages) {
    it(`has a ${language} label for every field the server writes into their entries`, () => {
      const unlabelled = Object.entries(accountFields).flatMap(([entity, fields]) =>
        fields
          // `createdAt` and `updatedAt` are never shown.
          .filter((field) => !['createdAt', 'updatedAt'].includes(field))
          .filter((field) => nameChangedField(entity, field, language).isStoredName)
          .map((field) => `${entity}.${field}`),
      );
      expect(unlabelled).toEqual([]);
    });
  }

  it('names an invitation’s fields as the relatives’ page does, a setting by what it sets', () => {
    const say = (entity: string, field: string) => nameChangedField(entity, field, 'sv').text;
    expect(say('relative_invitation', 'invitedBy')).toBe('Inbjuden av');
    expect(say('relative_invitation', 'expiresAt')).toBe('Länken gäller till');
    expect(say('relative_invitation', 'withdrawnBy')).toBe('Tillbakadragen av');
    expect(say('user_account', 'invitationId')).toBe('Inbjudan');
    expect(say('api_token', 'createdBy')).toBe('Skapad av');
    expect(say('api_token', 'expiresAt')).toBe('Gäller till');
    expect(nameChangedField('municipality', 'relativesStaffNaming', 'en').text).toBe(
      'Staff in relatives’ visit list',
    );
  });
});

describe('the audit trail’s stored values', () => {
  const enumFields = registryEntities.flatMap((entity) =>
    Object.entries(entity.fields).flatMap(([field, definition]) =>
      definition.kind.type === 'enum' || definition.kind.type === 'enum[]'
        ? [{ entity: entity.resource, field, values: definition.kind.values }]
        : [],
    ),
  );

  it('finds the scan’s enumerated fields (the scan itself works)', () => {
    expect(enumFields.map(({ entity, field }) => `${entity}.${field}`)).toEqual(
      expect.arrayContaining(['door.kind', 'provider.kinds', 'digital_key.status', 'lock_device.status']),
    );
  });

  for (const language of languages) {
    it(`says every value of every enumerated registry field in ${language} words`, () => {
      const translator = createTranslator(language);
      const unsaid = enumFields.flatMap(({ entity, field, values }) =>
        values
          .filter((value) => {
            const words = sayStoredValue(translator, entity, field, value);
            // A label table falls back to the value; Swedish words are never the stored value
            // (English may be: `key` is "key").
            return words === undefined || (language === 'sv' && words === value);
          })
          .map((value) => `${entity}.${field} = ${value}`),
      );
      expect(unsaid).toEqual([]);
    });
  }

  it('names only fields of registry records and their enumerations it knows', () => {
    for (const [entity, fields] of Object.entries(enumeratedFields))
      for (const field of Object.keys(fields))
        expect(nameChangedField(entity, field, 'sv').isStoredName, `${entity}.${field}`).toBe(false);
  });

  it('says a blocked key’s status and the server’s reason code in words, a typed reason as written', () => {
    const before = { status: 'active', statusReason: null, serial: 'PV-K-1' };
    const after = { status: 'blocked', statusReason: 'employment_ended', serial: 'PV-K-1' };
    expect(listChanges(before, after, createTranslator('sv'), 'digital_key')).toEqual([
      { field: 'status', before: 'Aktiv', after: 'Spärrad' },
      { field: 'statusReason', before: '–', after: 'Anställningen har upphört' },
    ]);
    expect(listChanges(before, after, createTranslator('en'), 'digital_key')).toEqual([
      { field: 'status', before: 'Active', after: 'Blocked' },
      { field: 'statusReason', before: '–', after: 'Employment ended' },
    ]);
    const typed = { ...after, status: 'lost', statusReason: 'Tappad på bussen' };
    expect(listChanges(before, typed, createTranslator('sv'), 'digital_key')).toEqual([
      { field: 'status', before: 'Aktiv', after: 'Borttappad' },
      { field: 'statusReason', before: '–', after: 'Tappad på bussen' },
    ]);
  });

  it('says an invitation’s status, a role and the reason a withdrawal closed an account in words', () => {
    const sv = createTranslator('sv');
    const en = createTranslator('en');
    expect(sayStoredValue(sv, 'relative_invitation', 'status', 'pending')).toBe('Skickad');
    expect(sayStoredValue(en, 'relative_invitation', 'status', 'withdrawn')).toBe('Withdrawn');
    expect(sayStoredValue(sv, 'relative_invitation', 'status', 'toString')).toBe('toString');
    expect(sayStoredValue(sv, 'api_token', 'role', 'work_lead')).toBe('Arbetsledare');
    expect(sayStoredValue(sv, 'user_account', 'role', 'relative')).toBe('Anhörig');
    expect(sayStoredValue(sv, 'user_account', 'reason', 'relative_invitation_withdrawn')).toBe(
      'Anhöriginbjudan drogs tillbaka',
    );
    expect(sayStoredValue(en, 'user_account', 'reason', 'relative_invitation_withdrawn')).toBe(
      'The relative’s invitation was withdrawn',
    );
    // A reason typed by a person stays as written.
    expect(sayStoredValue(sv, 'user_account', 'reason', 'Slutat')).toBe('Slutat');
    expect(sayStoredValue(sv, 'municipality', 'relativesStaffNaming', 'first_name')).toBe('Förnamn');
    expect(sayStoredValue(en, 'municipality', 'relativesStaffNaming', 'role_word')).toBe('Occupation');
  });

  it('says a municipality’s settings as labelled values, each enumeration value in words', () => {
    const before = { settings: { maxGrantDays: 90 } };
    const after = {
      settings: {
        maxGrantDays: 90,
        relativesStaffNaming: 'first_name',
        supportHours: { from: '08:00', until: '17:00', weekdays: [1, 2] },
        someFutureSetting: 'x',
      },
    };
    expect(listChanges(before, after, createTranslator('sv'), 'municipality')).toEqual([
      {
        field: 'settings',
        before: 'Längsta individuella behörighet (dagar): 90',
        after:
          'Längsta individuella behörighet (dagar): 90; Personal i anhörigas besökslista: Förnamn; ' +
          'Supporttider: Från: 08:00; Till: 17:00; Dagar: mån, tis; someFutureSetting: x',
      },
    ]);
    expect(nameChangedField('municipality', 'settings', 'en').text).toBe('Settings');
  });

  it('says each value of a list in words, and leaves a value no enumeration knows as stored', () => {
    const after = { kinds: ['day_home_care', 'night_patrol'], ownership: 'private', name: 'private' };
    expect(listChanges(null, after, createTranslator('sv'), 'provider')).toEqual([
      { field: 'kinds', before: '', after: 'Hemtjänst dag, Nattpatrull' },
      { field: 'ownership', before: '', after: 'Privat' },
      { field: 'name', before: '', after: 'private' },
    ]);
    // A work order's state, and a value added to an enumeration after the entry was written.
    expect(
      listChanges({ state: 'requested' }, { state: 'paused' }, createTranslator('en'), 'work_order'),
    ).toEqual([{ field: 'state', before: 'Requested', after: 'paused' }]);
  });
});
