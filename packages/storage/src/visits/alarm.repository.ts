// Safety alarms and their response times (R11.1; docs/visits.md "Alarm response times").
import type { Scope } from '@portvakt/core';
import { attributableSql } from '../events';
import type { Queryable } from '../platform/queryable';

/** Stores alarms once each by the receiver's id; returns the ids of those that were new. */
export async function insertAlarms(
  db: Queryable,
  municipalityId: string,
  alarms: { externalId: string; customerId: string; raisedAt: Date }[],
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO alarm (municipality_id, external_id, customer_id, raised_at)
     SELECT $1, i.external_id, i.customer_id, i.raised_at
     FROM unnest($2::text[], $3::uuid[], $4::timestamptz[]) AS i(external_id, customer_id, raised_at)
     ON CONFLICT (municipality_id, external_id) DO NOTHING
     RETURNING id`,
    [
      municipalityId,
      alarms.map((a) => a.externalId),
      alarms.map((a) => a.customerId),
      alarms.map((a) => a.raisedAt),
    ],
  );
  return rows.map((row) => row.id);
}

export interface AlarmResponseRow {
  alarmId: string;
  externalId: string;
  customerId: string;
  customerName: string;
  districtId: string;
  districtName: string;
  raisedAt: Date;
  providerId: string | null;
  providerName: string | null;
  minutes: number | null;
}

/**
 * Alarms raised in [from, to) with the first opening after each (within a day) at the customer's
 * visit door by staff of an alarm-serving provider. A provider sees the alarms its staff answered
 * and the unanswered ones of customers it served that day, never another provider's customers.
 */
export async function readAlarmResponses(
  db: Queryable,
  scope: Scope,
  from: Date,
  to: Date,
): Promise<AlarmResponseRow[]> {
  const providerId = scope.kind === 'provider' ? scope.providerId : null;
  const { rows } = await db.query<AlarmResponseRow>(
    `SELECT a.id AS "alarmId", a.external_id AS "externalId", a.customer_id AS "customerId",
       c.given_name || ' ' || c.family_name AS "customerName", c.district_id AS "districtId", d.name AS "districtName",
       a.raised_at AS "raisedAt", r.provider_id AS "providerId", p.name AS "providerName",
       round(extract(epoch FROM r.occurred_at - a.raised_at) / 60)::int AS minutes
     FROM alarm a
       JOIN customer c ON c.municipality_id = a.municipality_id AND c.id = a.customer_id
       JOIN district d ON d.municipality_id = c.municipality_id AND d.id = c.district_id
       LEFT JOIN LATERAL (
         SELECT e.occurred_at, s.provider_id FROM device_event e
           JOIN staff_member s ON s.municipality_id = e.municipality_id AND s.pseudonym = e.staff_pseudonym
           JOIN provider x ON x.municipality_id = s.municipality_id AND x.id = s.provider_id
             AND 'alarm_patrol' = ANY(x.kinds)
         WHERE e.municipality_id = a.municipality_id AND e.kind = 1 AND e.result = 0 AND ${attributableSql('e')}
           AND e.door_id IN (SELECT c.apartment_door_id
                             UNION SELECT st.door_id FROM access_path_step st
                                     JOIN door k ON k.municipality_id = st.municipality_id AND k.id = st.door_id
                                   WHERE st.municipality_id = c.municipality_id AND st.customer_id = c.id
                                     AND k.kind IN ('key_safe', 'key_tube'))
           AND e.occurred_at >= a.raised_at AND e.occurred_at < a.raised_at + interval '24 hours'
         ORDER BY e.occurred_at LIMIT 1) r ON true
       LEFT JOIN provider p ON p.municipality_id = a.municipality_id AND p.id = r.provider_id
     WHERE a.municipality_id = $1 AND a.raised_at >= $2 AND a.raised_at < $3
       AND ($4::uuid IS NULL OR r.provider_id = $4 OR (r.provider_id IS NULL AND EXISTS (
         SELECT 1 FROM customer_service cs WHERE cs.municipality_id = a.municipality_id
           AND cs.customer_id = a.customer_id AND cs.provider_id = $4
           AND cs.starts_on <= (a.raised_at AT TIME ZONE 'Europe/Stockholm')::date
           AND (cs.ends_on IS NULL OR cs.ends_on >= (a.raised_at AT TIME ZONE 'Europe/Stockholm')::date))))
     ORDER BY a.raised_at, a.id`,
    [scope.municipalityId, from, to, providerId],
  );
  return rows;
}
