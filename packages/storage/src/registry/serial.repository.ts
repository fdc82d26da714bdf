// A serial is the same serial whatever its case (migration 0061): "pv-ph-test04" is the key
// "PV-PH-TEST04". The registry checks a new or changed serial here first, so its refusal can name
// the serial already there; the unique indexes on lower(serial) guarantee it under concurrent writes.
import { createFirstValueQuery, type Queryable } from '../platform/queryable';

/** The registry rows that carry a serial. */
export type SerialResource = 'digital_key' | 'lock_device';

type SameSerialQuery = (
  db: Queryable,
  municipalityId: string,
  serial: string,
  exceptId: string | null,
) => Promise<string | undefined>;

const sameSerial: Record<SerialResource, SameSerialQuery> = {
  digital_key: createFirstValueQuery<
    string,
    [municipalityId: string, serial: string, exceptId: string | null]
  >(
    `SELECT serial FROM digital_key
     WHERE municipality_id = $1 AND lower(serial) = lower($2) AND id IS DISTINCT FROM $3::uuid LIMIT 1`,
  ),
  lock_device: createFirstValueQuery<
    string,
    [municipalityId: string, serial: string, exceptId: string | null]
  >(
    `SELECT serial FROM lock_device
     WHERE municipality_id = $1 AND lower(serial) = lower($2) AND id IS DISTINCT FROM $3::uuid LIMIT 1`,
  ),
};

/**
 * The serial, as stored, of another key or lock of the municipality that is `serial` apart from
 * case (`exceptId` is the row being changed, which may change its own serial's case); undefined
 * when there is none.
 */
export function findSameSerial(
  db: Queryable,
  resource: SerialResource,
  municipalityId: string,
  serial: string,
  exceptId?: string,
): Promise<string | undefined> {
  return sameSerial[resource](db, municipalityId, serial, exceptId ?? null);
}
