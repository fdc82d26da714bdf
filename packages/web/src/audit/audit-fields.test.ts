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
