import { describe, expect, it } from 'vitest';
import { isOrganisationNumber } from './organisation-number-rules';

describe('organisation numbers', () => {
  it('takes ten digits with their check digit, with or without hyphen or a leading 16', () => {
    for (const number of ['556036-0793', '5560360793', '16556036-0793', '165560360793', ' 212000-0142 '])
      expect(isOrganisationNumber(number), number).toBe(true);
  });

  it('refuses a wrong check digit, too few or too many digits, and other text', () => {
    for (const number of ['12345', '556036-0794', '556036-079', '17556036-0793', '55603-60793', 'abc', ''])
      expect(isOrganisationNumber(number), number).toBe(false);
  });
});
