import { describe, expect, it } from 'vitest';
import { chosenServices, type CustomerServiceRow } from './customer-services';
import { useTimeZone } from '../shared/time-zone.testing';

const service = (providerId: string, endsOn: string | null) =>
  ({ providerId, endsOn }) as unknown as CustomerServiceRow;

describe('the providers a customer has chosen', () => {
  const services = [
    service('Slutade igår', '2026-03-03'),
    service('Sista dagen idag', '2026-03-04'),
    service('Tills vidare', null),
  ];

  it('leaves out a service that ended the day before, half an hour after Stockholm’s midnight', () => {
    useTimeZone('Europe/Stockholm');
    // 00:30 on 4 March in Stockholm; the UTC date is still 3 March.
    const chosen = chosenServices(services, new Date('2026-03-03T23:30:00Z'));
    expect(chosen.map((row) => row.providerId)).toEqual(['Sista dagen idag', 'Tills vidare']);
  });

  it('keeps a service through its last day', () => {
    useTimeZone('Europe/Stockholm');
    const chosen = chosenServices(services, new Date('2026-03-03T22:59:00Z'));
    expect(chosen.map((row) => row.providerId)).toEqual(['Slutade igår', 'Sista dagen idag', 'Tills vidare']);
  });
});
