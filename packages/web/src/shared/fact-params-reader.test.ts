import type { supportCaseTitleParams } from '@portvakt/contract';
import { describe, expect, it } from 'vitest';
import { createFactParamsReader } from './fact-params-reader';

interface TitledRow {
  title: string;
  titleKind: string;
  titleParams: unknown;
}

const paramsOf = createFactParamsReader<typeof supportCaseTitleParams, TitledRow>('titleKind', 'titleParams');

describe('createFactParamsReader', () => {
  it("reads a row's parameters from its own fields, only for the kind asked about", () => {
    const row = {
      title: '',
      titleKind: 'backup_key_taken',
      titleParams: { cabinetName: 'Storgatan 12', slot: 2 },
    };
    expect(paramsOf(row, 'backup_key_taken')).toEqual({ cabinetName: 'Storgatan 12', slot: 2 });
    expect(paramsOf(row, 'emergency_follow_up')).toBeUndefined();
  });

  it('answers nothing for a row of that kind without parameters', () => {
    expect(
      paramsOf({ title: '', titleKind: 'backup_key_taken', titleParams: null }, 'backup_key_taken'),
    ).toBeUndefined();
  });
});
