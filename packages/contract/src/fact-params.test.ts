import { describe, expect, it } from 'vitest';
import { readFactParams } from './fact-params';
import type { supportCaseTitleParams } from './support-cases';

describe('readFactParams', () => {
  it('answers the parameters only for the kind asked about', () => {
    const params = { cabinetName: 'Storgatan 12', slot: 2 };
    expect(
      readFactParams<typeof supportCaseTitleParams, 'backup_key_taken'>(
        'backup_key_taken',
        params,
        'backup_key_taken',
      ),
    ).toEqual(params);
    expect(
      readFactParams<typeof supportCaseTitleParams, 'emergency_follow_up'>(
        'backup_key_taken',
        params,
        'emergency_follow_up',
      ),
    ).toBeUndefined();
  });

  it('answers nothing for a fact of that kind without parameters', () => {
    expect(
      readFactParams<typeof supportCaseTitleParams, 'backup_key_taken'>(
        'backup_key_taken',
        null,
        'backup_key_taken',
      ),
    ).toBeUndefined();
  });
});
