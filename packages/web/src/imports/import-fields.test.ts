import { importKindDefinitions, importKinds } from '@portvakt/core';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../shared/i18n';
import { useTimeZone } from '../shared/time-zone.testing';
import { nameImportField, sayImportValue } from './import-fields';

const languages = ['sv', 'en'] as const;

/** Every field a record of an import holds, its key's included, as `kind.field`. */
const importFields = importKinds.flatMap((kind) => {
  const definition = importKindDefinitions[kind];
  const fields = [definition.keyField, ...(definition.keyFields ?? []), ...Object.keys(definition.fields)];
  return [...new Set(fields)].map((field) => ({ kind, field }));
});

describe('an import’s fields and values in the reader’s words', () => {
  for (const language of languages) {
    it(`has a ${language} label for every field of every kind of record`, () => {
      // A new field without a label would be shown by its name in the API: it is listed here.
      const unlabelled = importFields
        .filter(({ kind, field }) => nameImportField(field, language, kind).isStoredName)
        .map(({ kind, field }) => `${kind}.${field}`);
      expect(unlabelled).toEqual([]);
    });
  }

  it('names a field by its label in the reader’s language, a value of a list by its list', () => {
    expect(nameImportField('providerId', 'sv')).toEqual({ text: 'Utförare', isStoredName: false });
    expect(nameImportField('providerId', 'en')).toEqual({ text: 'Provider', isStoredName: false });
    expect(nameImportField('validUntil', 'sv').text).toBe('Gäller till');
    expect(nameImportField('services/0', 'en').text).toBe('Services');
  });

  it('names a kind’s own field by the kind’s label where it has one, as the audit trail does', () => {
    expect(nameImportField('code', 'sv', 'districts').text).toBe('Områdeskod');
    expect(nameImportField('code', 'sv').text).toBe('Kod');
  });

  it('says an enumeration’s values by their labels, in a list each', () => {
    const sv = createTranslator('sv');
    const en = createTranslator('en');
    expect(sayImportValue(sv, 'providers', 'ownership', 'private')).toBe(sv.label('ownership', 'private'));
    expect(sayImportValue(sv, 'providers', 'ownership', 'private')).not.toBe('private');
    expect(sayImportValue(sv, 'providers', 'kinds', ['day_home_care', 'night_patrol'])).toBe(
      `${sv.label('providerKind', 'day_home_care')}, ${sv.label('providerKind', 'night_patrol')}`,
    );
    expect(sayImportValue(en, 'plannedVisits', 'services', ['meals'])).toBe('Meals');
    expect(sayImportValue(sv, 'grantedTime', 'service', 'meals')).toBe('Måltider');
  });

  it('names a column or key no kind has as the file does, marked as such', () => {
    expect(nameImportField('favoritfärg', 'sv')).toEqual({ text: 'favoritfärg', isStoredName: true });
    expect(nameImportField('', 'en')).toEqual({ text: '', isStoredName: true });
  });

  it('says an instant in the reader’s time zone, a day as the language writes it, and other values as given', () => {
    useTimeZone('Europe/Stockholm');
    const sv = createTranslator('sv');
    const en = createTranslator('en');
    // Winter is UTC+1 in Stockholm, summer UTC+2.
    expect(sayImportValue(sv, 'memberships', 'validFrom', '2026-01-01T06:00:00.000Z')).toBe(
      sv.formatDateTime('2026-01-01T06:00:00.000Z'),
    );
    expect(sayImportValue(sv, 'memberships', 'validFrom', '2026-01-01T06:00:00.000Z')).toMatch(/07:00/);
    expect(sayImportValue(en, 'plannedVisits', 'windowEnd', '2027-06-01T06:00:00.000Z')).toMatch(
      /^1 Jun 2027,? 08:00$/,
    );
    expect(sayImportValue(sv, 'staff', 'employmentStartsOn', '2026-01-01')).toBe('2026-01-01');
    expect(sayImportValue(en, 'staff', 'employmentStartsOn', '2026-01-01')).toBe('1 Jan 2026');
    expect(sayImportValue(sv, 'providers', 'name', 'Omsorg AB')).toBe('Omsorg AB');
    expect(sayImportValue(sv, 'providers', 'name', '2026-01-01T06:00:00.000Z')).toBe(
      '2026-01-01T06:00:00.000Z',
    );
    expect(sayImportValue(en, 'memberships', 'validUntil', null)).toBe('–');
  });
});
