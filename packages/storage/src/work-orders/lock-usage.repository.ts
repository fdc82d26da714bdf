// Whether installed locks are in use (R8.4), read from lock_usage_on (migration 0023): the one
// definition the lock page, the customer page and rollout share.
import type { Queryable } from '../platform/queryable';
import { withCustomerWayIn } from './customer-way-in.sql';

export interface LockUsage {
  isInUse: boolean;
  customersServed: number;
  providersMissing: number;
}

/** The lock's usage on `day`; a lock that is not installed is not in use and serves no one. */
export async function readLockUsage(
  db: Queryable,
  municipalityId: string,
  lockId: string,
  day: string,
): Promise<LockUsage> {
  const { rows } = await db.query<LockUsage>(
    `SELECT is_in_use AS "isInUse", customers_served AS "customersServed", providers_missing AS "providersMissing"
     FROM lock_usage_on($1, $3::date) WHERE lock_device_id = $2`,
    [municipalityId, lockId, day],
  );
  return rows[0] ?? { isInUse: false, customersServed: 0, providersMissing: 0 };
}

export interface DoorLockStatus {
  doorId: string;
  kind: string;
  label: string;
  lockId: string | null;
  lockSerial: string | null;
  isInUse: boolean;
}

export interface ServingProvider {
  providerId: string;
  name: string;
  introducedOn: string | null;
}

/**
 * Per door on the customer's way in (path, then the apartment door): the installed lock and
 * whether it is in use on `day`; and the providers serving the customer that day with the day
 * each was introduced (null: not yet, so the customer's locks are mounted but not in use).
 */
export async function readCustomerLockStatus(
  db: Queryable,
  municipalityId: string,
  customerId: string,
  day: string,
): Promise<{ doors: DoorLockStatus[]; providers: ServingProvider[] }> {
  const doors = await db.query<DoorLockStatus>(
    `${withCustomerWayIn('$1', '$2')}
     SELECT d.id AS "doorId", d.kind, d.label, l.id AS "lockId", l.serial AS "lockSerial",
       coalesce(u.is_in_use, false) AS "isInUse"
     FROM doors p JOIN door d ON d.municipality_id = $1 AND d.id = p.door_id
     LEFT JOIN lock_device l ON l.municipality_id = d.municipality_id AND l.door_id = d.id AND l.status = 'installed'
     LEFT JOIN lock_usage_on($1, $3::date) u ON u.lock_device_id = l.id
     ORDER BY p.position`,
    [municipalityId, customerId, day],
  );
  const providers = await db.query<ServingProvider>(
    `SELECT p.id AS "providerId", p.name,
       (SELECT to_char(i.introduced_on, 'YYYY-MM-DD') FROM provider_introduction i
        WHERE i.municipality_id = $3 AND i.customer_id = $1 AND i.provider_id = p.id
          AND i.introduced_on <= $2::date) AS "introducedOn"
     FROM provider p WHERE p.municipality_id = $3 AND p.id IN (SELECT s.provider_id FROM customer_service s
       WHERE s.municipality_id = $3 AND s.customer_id = $1
         AND s.starts_on <= $2::date AND (s.ends_on IS NULL OR s.ends_on >= $2::date))
     ORDER BY p.name, p.id`,
    [customerId, day, municipalityId],
  );
  return { doors: doors.rows, providers: providers.rows };
}
