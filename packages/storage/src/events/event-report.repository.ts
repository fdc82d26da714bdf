// The event rows the reports read (docs/event-log.md "Reports"): a provider's successful
// openings for the provider audit, and open attempts for anomaly findings. Only attributable
// records name a key or a staff member (attributableSql).
import type { Queryable } from '../registry';
import { attributableSql } from './event-query.repository';

export interface ProviderOpeningRow {
  at: Date;
  doorId: string | null;
  lockDeviceId: string | null;
  staffId: string | null;
  pseudonym: string | null;
  keyId: string | null;
  /** When the opening's key was blocked, if it was. */
  blockedAt: Date | null;
}

/** Successful openings at locks by the provider's staff or keys in [from, to), oldest first. */
export async function listProviderOpenings(
  db: Queryable,
  query: { municipalityId: string; providerId: string; from: Date; to: Date },
): Promise<ProviderOpeningRow[]> {
  const { rows } = await db.query<ProviderOpeningRow>(
    `SELECT e.occurred_at AS at, e.door_id AS "doorId", e.lock_device_id AS "lockDeviceId", s.id AS "staffId",
       e.staff_pseudonym AS pseudonym, e.key_id AS "keyId", b.blocked_at AS "blockedAt"
     FROM device_event_all e
       LEFT JOIN staff_member s ON s.municipality_id = e.municipality_id AND s.pseudonym = e.staff_pseudonym
         AND ${attributableSql('e')}
       LEFT JOIN digital_key k ON k.municipality_id = e.municipality_id AND k.id = e.key_id AND ${attributableSql('e')}
       LEFT JOIN block_list_entry b ON b.municipality_id = k.municipality_id AND b.digital_key_id = k.id
     WHERE e.municipality_id = $1 AND e.kind = 1 AND e.result = 0 AND e.lock_device_id IS NOT NULL
       AND (s.provider_id = $2 OR k.provider_id = $2) AND e.occurred_at >= $3 AND e.occurred_at < $4
     ORDER BY e.occurred_at`,
    [query.municipalityId, query.providerId, query.from, query.to],
  );
  return rows;
}

export interface OpenAttemptRow {
  at: Date;
  doorId: string | null;
  propertyId: string | null;
  /** The key, when the record is attributable. */
  keyId: string | null;
  result: number;
}

/**
 * Open attempts in [from, to), oldest first (at most 200,000), optionally only those involving a
 * provider's staff or keys.
 */
export async function listOpenAttempts(
  db: Queryable,
  query: { municipalityId: string; from: Date; to: Date; providerId?: string | undefined },
): Promise<OpenAttemptRow[]> {
  const { rows } = await db.query<OpenAttemptRow>(
    `SELECT e.occurred_at AS at, e.door_id AS "doorId", d.property_id AS "propertyId",
       CASE WHEN ${attributableSql('e')} THEN e.key_id END AS "keyId", e.result
     FROM device_event_all e LEFT JOIN door d ON d.municipality_id = e.municipality_id AND d.id = e.door_id
       LEFT JOIN staff_member s ON s.municipality_id = e.municipality_id AND s.pseudonym = e.staff_pseudonym
         AND ${attributableSql('e')}
       LEFT JOIN digital_key k ON k.municipality_id = e.municipality_id AND k.id = e.key_id AND ${attributableSql('e')}
     WHERE e.municipality_id = $1 AND e.kind = 1 AND e.occurred_at >= $2 AND e.occurred_at < $3
       AND ($4::uuid IS NULL OR s.provider_id = $4 OR k.provider_id = $4)
     ORDER BY e.occurred_at LIMIT 200000`,
    [query.municipalityId, query.from, query.to, query.providerId ?? null],
  );
  return rows;
}
