// What a registry dialog sends: a new record its filled fields, a change only what changed (an
// emptied optional field as null), numbers and yes/no as such, a personnummer only when typed.
import { describe, expect, it } from 'vitest';
import { applyFieldValue, toRegistryBody, toRegistryDraft } from './registry-form';

const names = ['givenName', 'apartment', 'identityNumber', 'hasRefusedLock', 'visitWindowMode'];

describe('the registry form', () => {
  it('drafts a row as text, a plain yes/no as a checkbox and a nullable one as a choice', () => {
    expect(
      toRegistryDraft('customer', names, {
        givenName: 'Greta',
        apartment: null,
        hasRefusedLock: false,
        visitWindowMode: true,
      }),
    ).toEqual({
      givenName: 'Greta',
      apartment: '',
      identityNumber: '',
      hasRefusedLock: false,
      visitWindowMode: 'true',
    });
  });

  it('sends the filled fields of a new record and leaves the empty ones out', () => {
    const draft = {
      givenName: ' Greta ',
      apartment: '',
      identityNumber: '',
      hasRefusedLock: false,
      visitWindowMode: '',
    };
    expect(toRegistryBody('customer', names, draft)).toEqual({ givenName: 'Greta', hasRefusedLock: false });
  });

  it('sends only the changed fields of a change, an emptied one as null, and keeps the personnummer unless typed', () => {
    const row = { givenName: 'Greta', apartment: '1001', hasRefusedLock: false, visitWindowMode: null };
    const initial = toRegistryDraft('customer', names, row);
    const draft = { ...initial, apartment: '', visitWindowMode: 'false' };
    expect(toRegistryBody('customer', names, draft, initial)).toEqual({
      apartment: null,
      visitWindowMode: false,
    });
    expect(
      toRegistryBody('customer', names, { ...initial, identityNumber: '19450312-1234' }, initial),
    ).toEqual({ identityNumber: '19450312-1234' });
  });

  it('sends a number as a number', () => {
    const initial = toRegistryDraft('door', ['floor'], { floor: null });
    expect(toRegistryBody('door', ['floor'], { floor: '3' }, initial)).toEqual({ floor: 3 });
  });
});

describe('a choice that fills another field (a new customer’s home and district)', () => {
  // The properties' districts, as the "Ny kund" dialog reads them from the property rows.
  const districtOf: Record<string, string> = { north: 'district-n', south: 'district-s' };
  const home = {
    name: 'residencePropertyId',
    fills: (id: string) => ({ districtId: districtOf[id] ?? '' }),
  };
  const blank = { givenName: 'Greta', districtId: '', residencePropertyId: '' };

  it('fills an empty district from the chosen home', () => {
    expect(applyFieldValue(blank, home, 'north')).toEqual({
      givenName: 'Greta',
      districtId: 'district-n',
      residencePropertyId: 'north',
    });
  });

  it('keeps a district the person chose, which they may still change afterwards', () => {
    const chosen = applyFieldValue(blank, { name: 'districtId' }, 'district-x');
    expect(applyFieldValue(chosen, home, 'north').districtId).toBe('district-x');
    const filled = applyFieldValue(blank, home, 'north');
    expect(applyFieldValue(filled, { name: 'districtId' }, 'district-x').districtId).toBe('district-x');
  });

  it('follows another home while the district is still the one the first filled in', () => {
    const filled = applyFieldValue(blank, home, 'north');
    expect(applyFieldValue(filled, home, 'south').districtId).toBe('district-s');
    // A home cleared, or one whose district is not known, leaves the district as it is.
    expect(applyFieldValue(filled, home, '').districtId).toBe('district-n');
    expect(applyFieldValue(filled, home, 'unknown').districtId).toBe('district-n');
  });
});
