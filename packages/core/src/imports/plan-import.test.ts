import { describe, expect, it } from 'vitest';
import { planImport, type ExistingRecord, type ImportRecord } from './plan-import';

const options = { isFull: false, now: new Date('2026-12-15T12:00:00Z'), today: '2026-12-15' };

const team = (line: number, key: string, providerId: string): ImportRecord => ({
  kind: 'teams',
  file: 'team.csv',
  line,
  key,
  values: { providerId, districtId: null, name: `Team ${key}`, area: null },
});

const importedTeam: ExistingRecord = {
  kind: 'teams',
  id: 'team-1',
  key: 'T1',
  values: { providerId: 'U1', districtId: null, name: 'Team T1', area: null },
};
const importedProviders: ExistingRecord[] = ['U1', 'U2'].map((key) => ({
  kind: 'providers',
  id: `provider-${key}`,
  key,
  values: {},
}));

describe('the dry run’s errors', () => {
  it('names each problem by a code with the parameters to word it, beside the English message', () => {
    const plan = planImport(
      [team(2, 'T1', 'U2'), team(3, 'T2', 'U-NONE'), team(4, 'T2', 'U1')],
      [importedTeam, ...importedProviders],
      options,
    );
    expect(plan.errors).toEqual([
      {
        file: 'team.csv',
        line: 2,
        field: 'providerId',
        message: 'providerId cannot change (U1 → U2); end this record and give a new one',
        code: 'cannot_change',
        params: { before: 'U1', after: 'U2' },
      },
      {
        file: 'team.csv',
        line: 3,
        field: 'providerId',
        message: 'no providers record with id U-NONE in the file or imported before',
        code: 'unknown_reference',
        params: { kind: 'providers', value: 'U-NONE' },
      },
      {
        file: 'team.csv',
        line: 4,
        field: 'externalId',
        message: 'T2 appears twice (first on line 3 of team.csv)',
        code: 'duplicate_key',
        params: { key: 'T2', firstFile: 'team.csv', firstLine: 3 },
      },
    ]);
    expect(plan.changes).toEqual([]);
  });

  it('says a value that was none as empty', () => {
    const membership: ExistingRecord = {
      kind: 'memberships',
      id: 'membership-1',
      key: 'M1',
      values: { teamId: 'T1', staffMemberId: null, validFrom: '2026-01-01T06:00:00.000Z', validUntil: null },
    };
    const staff: ExistingRecord = { kind: 'staff', id: 'staff-1', key: 'P1', values: {} };
    const plan = planImport(
      [
        {
          kind: 'memberships',
          file: 'teammedlemskap.csv',
          line: 2,
          key: 'M1',
          values: {
            teamId: 'T1',
            staffMemberId: 'P1',
            validFrom: '2026-01-01T06:00:00.000Z',
            validUntil: null,
          },
        },
      ],
      [importedTeam, staff, membership],
      options,
    );
    expect(plan.errors).toEqual([
      expect.objectContaining({ code: 'cannot_change', params: { before: '', after: 'P1' } }),
    ]);
  });

  it('refuses a record that breaks a rule on its own (a service ending before it starts), as applying would', () => {
    const service = (line: number, key: string, startsOn: string, endsOn: string): ImportRecord => ({
      kind: 'services',
      file: 'insatser.csv',
      line,
      key,
      values: { customerId: 'K1', service: 'home_care', providerId: 'U1', startsOn, endsOn },
    });
    const customer: ExistingRecord = { kind: 'customers', id: 'customer-1', key: 'K1', values: {} };
    const plan = planImport(
      [service(2, 'I1', '2026-05-01', '2026-04-01'), service(3, 'I2', '2026-05-01', '2026-06-01')],
      [customer, ...importedProviders],
      options,
    );
    expect(plan.errors).toEqual([
      {
        file: 'insatser.csv',
        line: 2,
        field: 'endsOn',
        message: 'The service cannot end before it starts.',
        code: 'ends_before_start',
        params: { kind: 'services', key: 'I1', action: 'create' },
      },
    ]);
    expect(plan.changes.map((change) => change.key)).toEqual(['I2']);
  });

  it('says a reference to a record of the files that was refused for its own errors is to that line', () => {
    const plan = planImport([team(2, 'T7', 'U7')], importedProviders, {
      ...options,
      refused: [{ kind: 'providers', key: 'U7', file: 'utförare.csv', line: 2 }],
    });
    expect(plan.errors).toEqual([
      {
        file: 'team.csv',
        line: 2,
        field: 'providerId',
        message: 'the providers record U7 is in utförare.csv line 2, but that line has errors',
        code: 'reference_refused',
        params: { kind: 'providers', value: 'U7', refusedFile: 'utförare.csv', refusedLine: 2 },
      },
    ]);
  });
});
