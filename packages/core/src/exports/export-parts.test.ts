import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../platform/roles';
import { judgeExportPeriod, listExportParts, listReadableExportParts, splitPeriod } from './export-parts';

const actor = (role: Role, links: Partial<Actor> = {}): Actor => ({
  kind: 'user',
  id: 'u',
  label: 'u',
  role,
  municipalityId: 'm',
  isReadOnly: false,
  ...links,
});
const kinds = (parts: { kind: string }[]) => parts.map((part) => part.kind);

describe('export parts', () => {
  it('puts the permission facts in the permissions export and the rest, with work orders, in the registry', () => {
    expect(kinds(listExportParts('permissions'))).toEqual([
      'team-customers',
      'area-rules',
      'access-grants',
      'shared-door-grants',
    ]);
    const registry = kinds(listExportParts('registry'));
    expect(registry).toContain('customers');
    expect(registry).toContain('work-orders');
    expect(registry).not.toContain('access-grants');
  });

  it('gives a property owner no customers, staff, providers or permissions (R2.7)', () => {
    const owner = actor('property_owner', { propertyOwnerId: 'o' });
    expect(kinds(listReadableExportParts(owner, 'registry'))).toEqual([
      'property-owners',
      'properties',
      'doors',
      'locks',
    ]);
    expect(listReadableExportParts(owner, 'permissions')).toEqual([]);
  });

  it('gives a work lead without a provider nothing of the provider-scoped parts (fails closed)', () => {
    expect(kinds(listReadableExportParts(actor('work_lead'), 'permissions'))).toEqual([]);
    expect(
      kinds(listReadableExportParts(actor('work_lead', { providerId: 'p' }), 'permissions')),
    ).toHaveLength(4);
  });
});

describe('export period', () => {
  const at = (iso: string) => new Date(iso);
  it('needs both ends, in order, at most a year and a day apart', () => {
    expect(judgeExportPeriod(undefined, at('2026-01-01T00:00:00Z'))?.code).toBe('period_required');
    expect(judgeExportPeriod(at('2026-02-01T00:00:00Z'), at('2026-01-01T00:00:00Z'))?.code).toBe(
      'invalid_range',
    );
    expect(judgeExportPeriod(at('2026-01-01T00:00:00Z'), at('2026-01-01T00:00:00Z'))?.code).toBe(
      'invalid_range',
    );
    expect(judgeExportPeriod(at('2025-01-01T00:00:00Z'), at('2026-01-03T00:00:00Z'))?.code).toBe(
      'invalid_range',
    );
    expect(judgeExportPeriod(at('2025-01-01T00:00:00Z'), at('2026-01-01T00:00:00Z'))).toBeNull();
  });

  it('splits a period into adjacent windows that cover it exactly', () => {
    const windows = splitPeriod(at('2026-01-01T00:00:00Z'), at('2026-03-15T00:00:00Z'), 31);
    expect(windows.map((w) => [w.from.toISOString(), w.to.toISOString()])).toEqual([
      ['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'],
      ['2026-02-01T00:00:00.000Z', '2026-03-04T00:00:00.000Z'],
      ['2026-03-04T00:00:00.000Z', '2026-03-15T00:00:00.000Z'],
    ]);
  });
});
