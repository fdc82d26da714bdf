import { auditActions } from '@portvakt/contract';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../shared/i18n';
import { findActionChoice, listActionOptions, readActionChoice, sayAuditAction } from './audit-actions';

describe('the audit page action filter', () => {
  for (const language of ['sv', 'en'] as const) {
    it(`offers every action the server writes, each with its own ${language} label`, () => {
      const options = listActionOptions(createTranslator(language));
      // Every action of the contract, in its order; an action worded by entity adds a choice per entity.
      expect(options.map((option) => option.value).filter((value) => !value.includes('@'))).toEqual([
        ...auditActions,
      ]);
      // Among them the six the console's own list used to miss.
      for (const action of [
        'activate',
        'activation_refused',
        'set_pin',
        'set_pin_refused',
        'phone_login',
        'release',
      ])
        expect(options.map((option) => option.value)).toContain(action);
      for (const option of options) expect(option.label, option.value).not.toBe(option.value);
      expect(new Set(options.map((option) => option.label)).size).toBe(options.length);
    });
  }

  it('finds an invitation’s withdrawal by its own name, right after withdrawals of any kind', () => {
    const sv = listActionOptions(createTranslator('sv'));
    const at = sv.findIndex((option) => option.value === 'withdraw');
    expect(sv.slice(at, at + 3)).toEqual([
      { value: 'withdraw', label: 'Drog tillbaka' },
      { value: 'withdraw@consent_request', label: 'Registrerade återkallat samtycke' },
      { value: 'withdraw@relative_invitation', label: 'Drog tillbaka inbjudan' },
    ]);
    expect(listActionOptions(createTranslator('en'))).toContainEqual({
      value: 'withdraw@relative_invitation',
      label: 'Withdrew the invitation',
    });
  });

  it('filters a choice by its action and, where it names one, its entity', () => {
    expect(readActionChoice('withdraw@relative_invitation')).toEqual({
      action: 'withdraw',
      entity: 'relative_invitation',
    });
    // A plain action (or none) leaves the entity filter as it is.
    expect(readActionChoice('withdraw')).toEqual({ action: 'withdraw' });
    expect(readActionChoice('')).toEqual({ action: '' });
    expect(findActionChoice('withdraw', 'relative_invitation')).toBe('withdraw@relative_invitation');
    expect(findActionChoice('withdraw', 'customer')).toBe('withdraw');
    expect(findActionChoice('withdraw', '')).toBe('withdraw');
    expect(findActionChoice('create', 'relative_invitation')).toBe('create');
  });
});

describe('an entry’s action', () => {
  it('is worded by the entity where one action means different things', () => {
    const sv = createTranslator('sv');
    const en = createTranslator('en');
    expect(sayAuditAction(sv, 'relative_invitation', 'withdraw')).toBe('Drog tillbaka inbjudan');
    expect(sayAuditAction(en, 'relative_invitation', 'withdraw')).toBe('Withdrew the invitation');
    expect(sayAuditAction(sv, 'consent_request', 'withdraw')).toBe('Registrerade återkallat samtycke');
    expect(sayAuditAction(en, 'consent_request', 'withdraw')).toBe('Recorded a withdrawn consent');
  });

  it('is said by the action’s own label elsewhere, and as recorded when unknown', () => {
    const sv = createTranslator('sv');
    expect(sayAuditAction(sv, 'relative_invitation', 'create')).toBe('Skapade');
    expect(sayAuditAction(sv, 'door', 'withdraw')).toBe('Drog tillbaka');
    expect(sayAuditAction(sv, 'door', 'toString')).toBe('toString');
  });
});
