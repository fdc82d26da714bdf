// `--municipality` names a municipality by its code (as people know it, e.g. 0180) or by its id
// (as the API and logs show it); every command that takes it reads it the same way.
import { findMunicipality, findMunicipalityByCode, type MunicipalityRecord } from '@portvakt/storage';
import type pg from 'pg';
import { isId } from './argument-checks';

/** The municipality `value` names by code or id; throws a message naming the flag when there is none. */
export async function findMunicipalityOption(
  pool: pg.Pool,
  value: string,
  flag = '--municipality',
): Promise<MunicipalityRecord> {
  const municipality = isId(value)
    ? await findMunicipality(pool, value)
    : await findMunicipalityByCode(pool, value);
  if (!municipality)
    throw new Error(
      `${flag}: no municipality with ${isId(value) ? 'id' : 'code'} "${value}" (give its code, such as 0180, or its id)`,
    );
  return municipality;
}
