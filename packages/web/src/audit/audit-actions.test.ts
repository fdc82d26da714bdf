import { auditActions } from '@portvakt/contract';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../shared/i18n';
import { listActionOptions } from './audit-actions';

describe('the audit page action filter', () => {
  for (const language of ['sv', 'en'] as const) {
    it(`offers every action the server writes, each with its own ${language} label`, () => {
      const options = listActionOptions(createTranslator(language).label);
      expect(options.map((option) => option.value)).toEqual([...auditActions]);
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
});
