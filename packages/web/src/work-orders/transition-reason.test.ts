import { workOrderOrigins } from '@portvakt/core';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../shared/i18n';
import { sayTransitionReason } from './transition-reason';

const sv = createTranslator('sv');
const en = createTranslator('en');

describe('a history step’s reason, in the reader’s words', () => {
  it('says what made an order, never its code', () => {
    const step = { reason: null, reasonKind: 'origin', reasonParams: { origin: 'battery_round' } } as const;
    expect(sayTransitionReason(step, sv)).toBe('Batterirunda');
    expect(sayTransitionReason(step, en)).toBe('Battery round');
    for (const origin of workOrderOrigins)
      for (const words of [sv, en])
        expect(
          sayTransitionReason({ reason: null, reasonKind: 'origin', reasonParams: { origin } }, words),
        ).not.toBe(origin);
  });

  it('says the cancellations the server made, with the day in the language’s form', () => {
    const refused = {
      reason: null,
      reasonKind: 'customer_refused_lock',
      reasonParams: { decidedOn: '2027-03-09' },
    } as const;
    const withdrew = { ...refused, reasonKind: 'customer_withdrew_consent' } as const;
    const installed = {
      reason: null,
      reasonKind: 'lock_installed_outside_order',
      reasonParams: null,
    } as const;
    expect(sayTransitionReason(refused, sv)).toBe('Kunden tackade nej till lås 2027-03-09 (R6.2).');
    expect(sayTransitionReason(refused, en)).toBe('The customer refused a lock on 9 Mar 2027 (R6.2).');
    expect(sayTransitionReason(withdrew, sv)).toBe(
      'Kunden återkallade sitt samtycke till lås 2027-03-09 (R6.2).',
    );
    expect(sayTransitionReason(withdrew, en)).toBe(
      'The customer withdrew their consent to a lock on 9 Mar 2027 (R6.2).',
    );
    expect(sayTransitionReason(installed, sv)).toBe('Ett lås monterades på dörren utanför den här ordern.');
    expect(sayTransitionReason(installed, en)).toBe('A lock was installed on the door outside this order.');
    const extended = { ...installed, reasonKind: 'service_extended' } as const;
    expect(sayTransitionReason(extended, sv)).toBe('Kunden har insats igen: ingen nedmontering behövs.');
  });

  it("says a person's reason as written, and nothing where there is none", () => {
    expect(sayTransitionReason({ reason: 'battery_round', reasonKind: 'text', reasonParams: null }, en)).toBe(
      'battery_round',
    );
    expect(sayTransitionReason({ reason: null, reasonKind: 'text', reasonParams: null }, sv)).toBe('');
  });
});
