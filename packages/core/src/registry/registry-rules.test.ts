import { describe, expect, it } from 'vitest';
import { findEntity } from './registry';
import {
  checkEnding,
  checkRegistryRules,
  isEmploymentEndBroughtForward,
  isEmploymentEndedByChange,
  settingsWithDefaults,
  systemValuesOnCreate,
} from './registry-rules';
import { localToday } from '../platform/local-day';

const now = new Date('2026-03-10T09:30:45.123Z');

describe('ending a validity', () => {
  it('may end now or later, with a minute of grace for the client’s clock', () => {
    expect(checkEnding({ validUntil: null }, { validUntil: '2026-03-10T09:30:00.000Z' }, now)).toEqual([]);
    expect(checkEnding({ validUntil: null }, { validUntil: '2026-03-11T00:00:00.000Z' }, now)).toEqual([]);
  });

  it('may not end before now', () => {
    expect(checkEnding({ validUntil: null }, { validUntil: '2026-03-10T09:29:00.000Z' }, now)).toEqual([
      expect.objectContaining({ field: 'validUntil', code: 'ends_in_the_past' }),
    ]);
  });

  it('leaves an end that did not change alone, even one long past', () => {
    const past = '2020-01-01T00:00:00.000Z';
    expect(checkEnding({ validUntil: past }, { validUntil: past }, now)).toEqual([]);
  });
});

describe('the local day', () => {
  it('is the Stockholm date, not the UTC one', () => {
    expect(localToday(new Date('2026-03-10T23:30:00Z'))).toBe('2026-03-11');
    expect(localToday(new Date('2026-07-10T21:59:00Z'))).toBe('2026-07-10');
  });
});

describe('a key’s holder', () => {
  const key = { providerId: 'p1', holderStaffMemberId: 's1' };
  const holderEnding = (employmentEndsOn: string | null) => ({
    holderStaffMemberId: { providerId: 'p1', employmentEndsOn },
  });

  it('may not be someone whose employment ended before the given day', () => {
    expect(checkRegistryRules('digital_key', key, holderEnding('2026-03-03'), '2026-03-04')).toEqual([
      expect.objectContaining({ field: 'holderStaffMemberId', code: 'employment_ended' }),
    ]);
  });

  it('may be someone whose last day is that day, or who has no end', () => {
    expect(checkRegistryRules('digital_key', key, holderEnding('2026-03-04'), '2026-03-04')).toEqual([]);
    expect(checkRegistryRules('digital_key', key, holderEnding(null), '2026-03-04')).toEqual([]);
  });
});

describe('an employment end brought forward', () => {
  it('when an end is set, or moved to an earlier day', () => {
    expect(isEmploymentEndBroughtForward(undefined, { employmentEndsOn: '2026-06-30' })).toBe(true);
    expect(
      isEmploymentEndBroughtForward({ employmentEndsOn: null }, { employmentEndsOn: '2026-06-30' }),
    ).toBe(true);
    expect(
      isEmploymentEndBroughtForward({ employmentEndsOn: '2026-09-30' }, { employmentEndsOn: '2026-06-30' }),
    ).toBe(true);
  });

  it('not when it is removed, kept or moved later', () => {
    expect(
      isEmploymentEndBroughtForward({ employmentEndsOn: '2026-06-30' }, { employmentEndsOn: null }),
    ).toBe(false);
    for (const was of ['2026-06-30', '2026-03-01'])
      expect(
        isEmploymentEndBroughtForward({ employmentEndsOn: was }, { employmentEndsOn: '2026-06-30' }),
      ).toBe(false);
  });
});

describe('employment ended by a change', () => {
  it('when the end is set to a day before today', () => {
    expect(
      isEmploymentEndedByChange({ employmentEndsOn: null }, { employmentEndsOn: '2026-03-09' }, '2026-03-10'),
    ).toBe(true);
    expect(isEmploymentEndedByChange(undefined, { employmentEndsOn: '2026-03-01' }, '2026-03-10')).toBe(true);
  });

  it('not for an end still ahead or today (the last day is still worked), nor for an end that did not change', () => {
    expect(
      isEmploymentEndedByChange({ employmentEndsOn: null }, { employmentEndsOn: '2026-03-11' }, '2026-03-10'),
    ).toBe(false);
    expect(
      isEmploymentEndedByChange({ employmentEndsOn: null }, { employmentEndsOn: '2026-03-10' }, '2026-03-10'),
    ).toBe(false);
    expect(
      isEmploymentEndedByChange(
        { employmentEndsOn: '2026-03-01' },
        { employmentEndsOn: '2026-03-01' },
        '2026-03-10',
      ),
    ).toBe(false);
  });
});

describe('values the system sets on create', () => {
  it('a grant: who granted it, and from the start of this minute', () => {
    expect(systemValuesOnCreate(findEntity('access_grant'), { actorLabel: 'Anna (admin)', now })).toEqual({
      grantedBy: 'Anna (admin)',
      validFrom: '2026-03-10T09:30:00.000Z',
    });
  });

  it('nothing for an entity without such fields', () => {
    expect(systemValuesOnCreate(findEntity('customer'), { actorLabel: 'Anna', now })).toEqual({});
  });
});

describe('municipality settings', () => {
  it('show the default of a setting never changed, and keep a changed one', () => {
    expect(settingsWithDefaults({})).toEqual({ maxGrantDays: 90 });
    expect(settingsWithDefaults({ maxGrantDays: 30, shiftHours: 8 })).toEqual({
      maxGrantDays: 30,
      shiftHours: 8,
    });
  });
});

describe('a customer’s home', () => {
  const related = {
    residencePropertyId: { id: 'p1', districtId: 'north' },
    apartmentDoorId: { id: 'd1', kind: 'apartment_door', propertyId: 'p1' },
  };
  const codes = (candidate: Record<string, unknown>, rows: Record<string, Record<string, unknown>>) =>
    checkRegistryRules('customer', candidate, rows, '2026-12-06').map((v) => `${v.field}:${v.code}`);

  it('lies in the customer’s district: area rules and work leads go by the district', () => {
    const home = { districtId: 'north', residencePropertyId: 'p1', apartmentDoorId: 'd1' };
    expect(codes(home, related)).toEqual([]);
    expect(codes({ ...home, districtId: 'south' }, related)).toEqual(['districtId:district_not_of_home']);
    // A customer not yet placed in a building may be in any district.
    expect(codes({ districtId: 'south' }, {})).toEqual([]);
  });

  it('is named whenever its door is: a door without a residence skips no check', () => {
    expect(
      codes({ districtId: 'north', apartmentDoorId: 'd1' }, { apartmentDoorId: related.apartmentDoorId }),
    ).toEqual(['residencePropertyId:residence_required']);
  });
});

describe('an individual grant’s length', () => {
  const grant = {
    staffMemberId: 's1',
    customerId: 'c1',
    validFrom: '2026-03-10T09:00:00.000Z',
    validUntil: '2026-04-20T09:00:00.000Z',
  };

  it('names the municipality’s own longest grant in the refusal, for the client’s words', () => {
    const violations = checkRegistryRules(
      'access_grant',
      grant,
      { grantPolicy: { maxDays: 30 } },
      '2026-03-10',
    );
    expect(violations).toEqual([
      {
        field: 'validUntil',
        code: 'grant_too_long',
        message: expect.stringContaining('30 days'),
        maxDays: 30,
      },
    ]);
  });

  it('names the default when the municipality has set none, and passes a grant within it', () => {
    expect(
      checkRegistryRules(
        'access_grant',
        { ...grant, validUntil: '2026-07-10T09:00:00.000Z' },
        {},
        '2026-03-10',
      ),
    ).toEqual([expect.objectContaining({ code: 'grant_too_long', maxDays: 90 })]);
    expect(checkRegistryRules('access_grant', grant, {}, '2026-03-10')).toEqual([]);
  });
});
